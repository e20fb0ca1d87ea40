namespace HOptimus.Slides;

/// <summary>
/// Where the tissue is, on a low-resolution grid: <see cref="Downsample"/> level-0 pixels per mask pixel.
/// Also keeps the RGB it was computed from (for the thumbnail) and an integral image so a tile's
/// tissue fraction costs four lookups.
/// </summary>
public sealed class TissueMask
{
    private readonly long[] _integral;

    public TissueMask(int width, int height, double downsample, bool[] tissue, byte[] rgb, int threshold)
    {
        Width = width;
        Height = height;
        Downsample = downsample;
        Tissue = tissue;
        Rgb = rgb;
        Threshold = threshold;
        _integral = new long[(width + 1) * (height + 1)];
        for (var y = 0; y < height; y++)
        {
            long row = 0;
            for (var x = 0; x < width; x++)
            {
                row += tissue[y * width + x] ? 1 : 0;
                _integral[(y + 1) * (width + 1) + x + 1] = _integral[y * (width + 1) + x + 1] + row;
            }
        }
    }

    public int Width { get; }
    public int Height { get; }
    /// <summary>Level-0 pixels per mask pixel.</summary>
    public double Downsample { get; }
    public bool[] Tissue { get; }
    /// <summary>The low-resolution RGB image the mask was computed on.</summary>
    public byte[] Rgb { get; }
    /// <summary>The saturation threshold used (Otsu's, raised to the minimum, or the fixed one).</summary>
    public int Threshold { get; }

    public double TissueFraction => Fraction(0, 0, Width * Downsample, Height * Downsample);

    /// <summary>Fraction of tissue in a level-0 rectangle (mask pixels whose centre falls inside).</summary>
    public double Fraction(double x0, double y0, double width0, double height0)
    {
        var x1 = Math.Clamp((int)Math.Round(x0 / Downsample), 0, Width);
        var y1 = Math.Clamp((int)Math.Round(y0 / Downsample), 0, Height);
        var x2 = Math.Clamp((int)Math.Round((x0 + width0) / Downsample), 0, Width);
        var y2 = Math.Clamp((int)Math.Round((y0 + height0) / Downsample), 0, Height);
        if (x2 <= x1 || y2 <= y1)
        {
            // Tile smaller than a mask pixel: use the pixel under its centre.
            var cx = Math.Clamp((int)((x0 + width0 / 2) / Downsample), 0, Width - 1);
            var cy = Math.Clamp((int)((y0 + height0 / 2) / Downsample), 0, Height - 1);
            return Tissue[cy * Width + cx] ? 1 : 0;
        }
        var w = Width + 1;
        var sum = _integral[y2 * w + x2] - _integral[y1 * w + x2] - _integral[y2 * w + x1] + _integral[y1 * w + x1];
        return sum / (double)((x2 - x1) * (y2 - y1));
    }
}
