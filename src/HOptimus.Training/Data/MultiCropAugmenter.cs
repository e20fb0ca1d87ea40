using HOptimus.Training.Options;

namespace HOptimus.Training.Data;

/// <summary>
/// DINOv2's multi-crop augmentation of one tile (DataAugmentationDINO), on uint8 RGB in and float
/// normalised planes out. Global crop 1: always blurred; global crop 2: blurred at 10 %, solarised at
/// 20 %; local crops: blurred at 50 %. Every crop: random-resized crop, symmetry, colour jitter at
/// 80 %, grayscale at 20 %. All draws come from the stream of (seed, sample position).
/// </summary>
public sealed class MultiCropAugmenter(CropOptions crops, AugmentOptions augment, float[] mean, float[] std, long seed)
{
    private const ulong CropStream = 0x43524F50; // "CROP"

    public CropOptions Crops { get; } = crops;
    public int GlobalPlane => 3 * Crops.GlobalSize * Crops.GlobalSize;
    public int LocalPlane => 3 * Crops.LocalSize * Crops.LocalSize;

    [ThreadStatic] private static float[]? t_scratch;

    /// <summary>
    /// Renders every crop of sample <paramref name="index"/> of a batch of <paramref name="batch"/> into
    /// crop-major buffers (DINOv2's collate order): global [GlobalCount, batch, 3, S, S], local
    /// [LocalCount, batch, 3, s, s].
    /// </summary>
    public void Augment(ReadOnlySpan<byte> rgb, int tileSize, long position, float[] global, float[] local, int index, int batch)
    {
        var rng = SplitMix64.For(seed, CropStream, position);
        var need = Math.Max(Crops.GlobalSize * Crops.GlobalSize, Crops.LocalSize * Crops.LocalSize);
        if (t_scratch is null || t_scratch.Length < need) t_scratch = new float[need];
        for (var k = 0; k < Crops.GlobalCount; k++)
        {
            var blur = k == 0 ? augment.BlurProbabilityGlobal1 : augment.BlurProbabilityGlobal2;
            var solarize = k == 0 ? 0 : augment.SolarizeProbability;
            Crop(rgb, tileSize, ref rng, Crops.GlobalSize, Crops.GlobalScaleMin, Crops.GlobalScaleMax, blur, solarize,
                 global.AsSpan((k * batch + index) * GlobalPlane, GlobalPlane), t_scratch);
        }
        for (var k = 0; k < Crops.LocalCount; k++)
            Crop(rgb, tileSize, ref rng, Crops.LocalSize, Crops.LocalScaleMin, Crops.LocalScaleMax,
                 augment.BlurProbabilityLocal, 0, local.AsSpan((k * batch + index) * LocalPlane, LocalPlane), t_scratch);
    }

    private void Crop(ReadOnlySpan<byte> rgb, int tileSize, ref SplitMix64 rng, int size, double scaleMin, double scaleMax,
                      double blurProbability, double solarizeProbability, Span<float> planes, Span<float> scratch)
    {
        var box = CropBox.RandomResized(ref rng, tileSize, tileSize, scaleMin, scaleMax)
            .WithSymmetry(ref rng, augment.FlipProbability, augment.Rotate90);
        CropRenderer.Render(rgb, tileSize, box, size, planes);
        if (rng.Bernoulli(augment.ColorJitterProbability)) Jitter(ref rng, planes);
        if (rng.Bernoulli(augment.GrayscaleProbability)) ColorOps.Grayscale(planes);
        if (rng.Bernoulli(blurProbability))
            GaussianBlur.Apply(planes, size, (float)rng.Uniform(augment.BlurSigmaMin, augment.BlurSigmaMax), scratch);
        if (rng.Bernoulli(solarizeProbability)) ColorOps.Solarize(planes);
        ColorOps.Normalize(planes, mean, std);
    }

    /// <summary>torchvision ColorJitter: the four adjustments in a random order, each factor drawn once.</summary>
    private void Jitter(ref SplitMix64 rng, Span<float> planes)
    {
        var brightness = (float)rng.Uniform(Math.Max(0, 1 - augment.Brightness), 1 + augment.Brightness);
        var contrast = (float)rng.Uniform(Math.Max(0, 1 - augment.Contrast), 1 + augment.Contrast);
        var saturation = (float)rng.Uniform(Math.Max(0, 1 - augment.Saturation), 1 + augment.Saturation);
        var hue = (float)rng.Uniform(-augment.Hue, augment.Hue);
        Span<int> order = [0, 1, 2, 3];
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        foreach (var op in order)
        {
            switch (op)
            {
                case 0 when augment.Brightness > 0: ColorOps.Brightness(planes, brightness); break;
                case 1 when augment.Contrast > 0: ColorOps.Contrast(planes, contrast); break;
                case 2 when augment.Saturation > 0: ColorOps.Saturation(planes, saturation); break;
                case 3 when augment.Hue > 0: ColorOps.Hue(planes, hue); break;
            }
        }
    }
}
