namespace HOptimus.Training.Data;

/// <summary>A crop rectangle in source pixels plus one of the 8 symmetries of the square.</summary>
public readonly record struct CropBox(int X, int Y, int Width, int Height, bool Transpose, bool FlipX, bool FlipY)
{
    /// <summary>
    /// torchvision's RandomResizedCrop.get_params: area fraction in [scaleMin, scaleMax], aspect ratio
    /// log-uniform in [3/4, 4/3], ten tries, then a centred crop of clamped ratio.
    /// </summary>
    public static CropBox RandomResized(ref SplitMix64 rng, int width, int height, double scaleMin, double scaleMax)
    {
        var area = (double)width * height;
        var logMin = Math.Log(3.0 / 4);
        var logMax = Math.Log(4.0 / 3);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var target = area * rng.Uniform(scaleMin, scaleMax);
            var ratio = Math.Exp(rng.Uniform(logMin, logMax));
            var w = (int)Math.Round(Math.Sqrt(target * ratio));
            var h = (int)Math.Round(Math.Sqrt(target / ratio));
            if (w > 0 && w <= width && h > 0 && h <= height)
                return new CropBox(rng.NextInt(width - w + 1), rng.NextInt(height - h + 1), w, h, false, false, false);
        }
        return new CropBox(0, 0, width, height, false, false, false);
    }

    /// <summary>
    /// Adds flips and, for histology (no up), vertical flips and transposes: with p = 0.5 every one of
    /// the 8 symmetries (4 rotations x mirror) is equally likely.
    /// </summary>
    public CropBox WithSymmetry(ref SplitMix64 rng, double flipProbability, bool rotate90) => this with
    {
        FlipX = rng.Bernoulli(flipProbability),
        FlipY = rotate90 && rng.Bernoulli(flipProbability),
        Transpose = rotate90 && rng.Bernoulli(0.5),
    };
}
