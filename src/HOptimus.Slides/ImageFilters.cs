namespace HOptimus.Slides;

/// <summary>The few image operations tissue detection needs, on 8-bit single-channel images.</summary>
internal static class ImageFilters
{
    /// <summary>HSV saturation, 0..255.</summary>
    public static byte[] Saturation(ReadOnlySpan<byte> rgb, int pixels)
    {
        var s = new byte[pixels];
        for (var i = 0; i < pixels; i++)
        {
            int r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
            var max = Math.Max(r, Math.Max(g, b));
            var min = Math.Min(r, Math.Min(g, b));
            s[i] = max == 0 ? (byte)0 : (byte)((max - min) * 255 / max);
        }
        return s;
    }

    /// <summary>Median over a k×k window (edges clamped), via a running histogram per row.</summary>
    public static byte[] Median(byte[] src, int width, int height, int k)
    {
        if (k <= 1) return src;
        var r = k / 2;
        var dst = new byte[src.Length];
        var histogram = new int[256];
        var half = k * k / 2;
        for (var y = 0; y < height; y++)
        {
            Array.Clear(histogram);
            for (var dy = -r; dy <= r; dy++)
            for (var dx = -r; dx <= r; dx++)
                histogram[At(src, width, height, dx, y + dy)]++;
            for (var x = 0; x < width; x++)
            {
                var count = 0;
                var v = 0;
                while ((count += histogram[v]) <= half) v++;
                dst[y * width + x] = (byte)v;
                for (var dy = -r; dy <= r; dy++)
                {
                    histogram[At(src, width, height, x - r, y + dy)]--;
                    histogram[At(src, width, height, x + r + 1, y + dy)]++;
                }
            }
        }
        return dst;
    }

    /// <summary>Otsu's threshold: the level that maximises between-class variance.</summary>
    public static int Otsu(ReadOnlySpan<byte> values)
    {
        var histogram = new long[256];
        foreach (var v in values) histogram[v]++;
        double total = values.Length, sum = 0;
        for (var i = 0; i < 256; i++) sum += i * (double)histogram[i];
        double sumBackground = 0, weightBackground = 0, best = -1;
        var threshold = 0;
        for (var t = 0; t < 256; t++)
        {
            weightBackground += histogram[t];
            if (weightBackground == 0) continue;
            var weightForeground = total - weightBackground;
            if (weightForeground == 0) break;
            sumBackground += t * (double)histogram[t];
            var meanB = sumBackground / weightBackground;
            var meanF = (sum - sumBackground) / weightForeground;
            var between = weightBackground * weightForeground * (meanB - meanF) * (meanB - meanF);
            if (between > best)
            {
                best = between;
                threshold = t;
            }
        }
        return threshold + 1;
    }

    /// <summary>Binary dilation (max) or erosion (min) with a square of side 2r+1, separable.</summary>
    public static bool[] Morph(bool[] src, int width, int height, int r, bool dilate)
    {
        if (r <= 0) return src;
        var tmp = new bool[src.Length];
        var dst = new bool[src.Length];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var hit = !dilate;
            for (var d = -r; d <= r && hit != dilate; d++)
            {
                var xx = Math.Clamp(x + d, 0, width - 1);
                hit = dilate ? src[y * width + xx] : src[y * width + xx] && hit;
            }
            tmp[y * width + x] = hit;
        }
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var hit = !dilate;
            for (var d = -r; d <= r && hit != dilate; d++)
            {
                var yy = Math.Clamp(y + d, 0, height - 1);
                hit = dilate ? tmp[yy * width + x] : tmp[yy * width + x] && hit;
            }
            dst[y * width + x] = hit;
        }
        return dst;
    }

    private static byte At(byte[] src, int width, int height, int x, int y) =>
        src[Math.Clamp(y, 0, height - 1) * width + Math.Clamp(x, 0, width - 1)];
}
