namespace HOptimus.Slides;

/// <summary>
/// Resamples a fractional source rectangle of an RGB image to a square tile, separably: area averaging
/// when shrinking (every source pixel counts, no aliasing), bilinear when enlarging.
/// </summary>
public static class Resampler
{
    /// <param name="src">Source RGB, <paramref name="srcWidth"/> px per row.</param>
    /// <param name="x">Left edge of the rectangle in source px (fractional).</param>
    /// <param name="y">Top edge.</param>
    /// <param name="side">Rectangle side in source px.</param>
    /// <param name="dst">Output RGB, <paramref name="size"/>² px.</param>
    public static void Resample(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, double x, double y, double side,
                                Span<byte> dst, int size)
    {
        var wx = Weights(x, side, size, srcWidth);
        var wy = Weights(y, side, size, srcHeight);
        var row = new float[srcWidth * 3];
        for (var v = 0; v < size; v++)
        {
            Array.Clear(row);
            var (y0, ys) = wy[v];
            for (var k = 0; k < ys.Length; k++)
            {
                var line = src.Slice((y0 + k) * srcWidth * 3, srcWidth * 3);
                var weight = ys[k];
                var (xStart, xEnd) = (wx[0].Start, wx[size - 1].Start + wx[size - 1].W.Length);
                for (var i = xStart * 3; i < xEnd * 3; i++) row[i] += line[i] * weight;
            }
            for (var u = 0; u < size; u++)
            {
                var (x0, xs) = wx[u];
                float r = 0, g = 0, b = 0;
                for (var k = 0; k < xs.Length; k++)
                {
                    var o = (x0 + k) * 3;
                    r += row[o] * xs[k];
                    g += row[o + 1] * xs[k];
                    b += row[o + 2] * xs[k];
                }
                var d = (v * size + u) * 3;
                dst[d] = (byte)Math.Clamp(r + 0.5f, 0, 255);
                dst[d + 1] = (byte)Math.Clamp(g + 0.5f, 0, 255);
                dst[d + 2] = (byte)Math.Clamp(b + 0.5f, 0, 255);
            }
        }
    }

    /// <summary>Per output pixel: first source index and normalised weights.</summary>
    private static (int Start, float[] W)[] Weights(double origin, double side, int size, int limit)
    {
        var scale = side / size;
        var result = new (int, float[])[size];
        for (var o = 0; o < size; o++)
        {
            if (scale >= 1)
            {
                var a = origin + o * scale;
                var b = a + scale;
                var first = Math.Clamp((int)Math.Floor(a), 0, limit - 1);
                var last = Math.Clamp((int)Math.Ceiling(b) - 1, first, limit - 1);
                var w = new float[last - first + 1];
                for (var i = first; i <= last; i++)
                    w[i - first] = (float)Math.Max(0, Math.Min(b, i + 1) - Math.Max(a, i));
                result[o] = (first, Normalise(w));
            }
            else
            {
                var centre = origin + (o + 0.5) * scale - 0.5;
                var left = Math.Clamp((int)Math.Floor(centre), 0, limit - 1);
                var right = Math.Min(left + 1, limit - 1);
                var t = (float)Math.Clamp(centre - left, 0, 1);
                result[o] = right == left ? (left, [1f]) : (left, [1 - t, t]);
            }
        }
        return result;
    }

    private static float[] Normalise(float[] w)
    {
        var sum = w.Sum();
        if (sum <= 0) return w.Select(_ => 1f / w.Length).ToArray();
        for (var i = 0; i < w.Length; i++) w[i] /= sum;
        return w;
    }
}
