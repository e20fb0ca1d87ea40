namespace HOptimus.Slides;

/// <summary>
/// CLAM-like tissue detection: read a low-resolution level (area-averaged down to at most
/// MaskMaxSide, in strips so memory stays bounded even without a pyramid), HSV saturation, median
/// filter, Otsu threshold (with a floor), white/black exclusion, closing then opening.
/// </summary>
public static class TissueDetector
{
    public static TissueMask Detect(Slide slide, TissueOptions options)
    {
        var level = MaskLevel(slide, options.MaskMaxSide);
        var (levelW, levelH) = slide.Dimensions(level);
        var factor = (int)Math.Max(1, Math.Ceiling(Math.Max(levelW, levelH) / (double)options.MaskMaxSide));
        var rgb = ReadAveraged(slide, level, levelW, levelH, factor, out var width, out var height);

        var pixels = width * height;
        var saturation = ImageFilters.Median(ImageFilters.Saturation(rgb, pixels), width, height, options.MedianKernel);
        var threshold = options.SaturationThreshold ?? Math.Max(options.MinSaturation, ImageFilters.Otsu(saturation));
        var tissue = new bool[pixels];
        for (var i = 0; i < pixels; i++)
        {
            int r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
            var white = r > options.WhiteLevel && g > options.WhiteLevel && b > options.WhiteLevel;
            var black = r < options.BlackLevel && g < options.BlackLevel && b < options.BlackLevel;
            tissue[i] = saturation[i] >= threshold && !white && !black;
        }
        tissue = ImageFilters.Morph(ImageFilters.Morph(tissue, width, height, options.CloseRadius, dilate: true), width, height, options.CloseRadius, dilate: false);
        tissue = ImageFilters.Morph(ImageFilters.Morph(tissue, width, height, options.OpenRadius, dilate: false), width, height, options.OpenRadius, dilate: true);
        return new TissueMask(width, height, slide.Downsample(level) * factor, tissue, rgb, threshold);
    }

    /// <summary>The coarsest level still at least <paramref name="maxSide"/> on its longest side (level 0 if none is).</summary>
    private static int MaskLevel(Slide slide, int maxSide)
    {
        var best = 0;
        for (var l = 1; l < slide.LevelCount; l++)
        {
            var (w, h) = slide.Dimensions(l);
            if (Math.Max(w, h) >= maxSide) best = l;
        }
        return best;
    }

    /// <summary>Reads a level in horizontal strips and averages factor×factor blocks.</summary>
    private static byte[] ReadAveraged(Slide slide, int level, long levelW, long levelH, int factor, out int width, out int height)
    {
        width = (int)((levelW + factor - 1) / factor);
        height = (int)((levelH + factor - 1) / factor);
        var result = new byte[width * height * 3];
        var ds = slide.Downsample(level);
        // About 16 M pixels per strip: 64 MB of ARGB whatever the slide size.
        var maskRowsPerStrip = (int)Math.Max(1, (1L << 24) / (levelW * factor));
        var sums = new long[width * 3];
        var counts = new int[width];
        for (var row0 = 0; row0 < height; row0 += maskRowsPerStrip)
        {
            var rows = Math.Min(maskRowsPerStrip, height - row0);
            var stripY = (long)row0 * factor;
            var stripH = (int)Math.Min((long)rows * factor, levelH - stripY);
            var strip = new byte[levelW * stripH * 3];
            slide.ReadRegionRgb(0, (long)Math.Round(stripY * ds), level, (int)levelW, stripH, strip);
            for (var r = 0; r < rows; r++)
            {
                Array.Clear(sums);
                Array.Clear(counts);
                for (var y = r * factor; y < Math.Min((r + 1) * factor, stripH); y++)
                for (var x = 0; x < levelW; x++)
                {
                    var mx = (int)(x / factor);
                    var o = 3 * (y * levelW + x);
                    sums[3 * mx] += strip[o];
                    sums[3 * mx + 1] += strip[o + 1];
                    sums[3 * mx + 2] += strip[o + 2];
                    counts[mx]++;
                }
                var dst = (row0 + r) * width * 3;
                for (var mx = 0; mx < width; mx++)
                for (var c = 0; c < 3; c++)
                    result[dst + 3 * mx + c] = (byte)(sums[3 * mx + c] / Math.Max(1, counts[mx]));
            }
        }
        return result;
    }
}
