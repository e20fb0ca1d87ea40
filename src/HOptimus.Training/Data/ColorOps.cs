namespace HOptimus.Training.Data;

/// <summary>
/// torchvision's photometric transforms on float planar RGB in [0, 1] (planes r, g, b of n pixels each),
/// with torchvision's formulas so the augmentation strength matches DINOv2's recipe.
/// </summary>
public static class ColorOps
{
    public static void Brightness(Span<float> planes, float factor)
    {
        for (var i = 0; i < planes.Length; i++) planes[i] = Math.Clamp(planes[i] * factor, 0f, 1f);
    }

    /// <summary>Blends with the mean grey level of the whole crop (torchvision adjust_contrast).</summary>
    public static void Contrast(Span<float> planes, float factor)
    {
        var n = planes.Length / 3;
        double sum = 0;
        for (var i = 0; i < n; i++) sum += Gray(planes[i], planes[n + i], planes[2 * n + i]);
        var mean = (float)(sum / n) * (1 - factor);
        for (var i = 0; i < planes.Length; i++) planes[i] = Math.Clamp(planes[i] * factor + mean, 0f, 1f);
    }

    /// <summary>Blends each pixel with its own grey level (torchvision adjust_saturation).</summary>
    public static void Saturation(Span<float> planes, float factor)
    {
        var n = planes.Length / 3;
        for (var i = 0; i < n; i++)
        {
            var grey = Gray(planes[i], planes[n + i], planes[2 * n + i]) * (1 - factor);
            planes[i] = Math.Clamp(planes[i] * factor + grey, 0f, 1f);
            planes[n + i] = Math.Clamp(planes[n + i] * factor + grey, 0f, 1f);
            planes[2 * n + i] = Math.Clamp(planes[2 * n + i] * factor + grey, 0f, 1f);
        }
    }

    /// <summary>Rotates the hue by <paramref name="shift"/> turns in HSV space (torchvision adjust_hue).</summary>
    public static void Hue(Span<float> planes, float shift)
    {
        var n = planes.Length / 3;
        for (var i = 0; i < n; i++)
        {
            float r = planes[i], g = planes[n + i], b = planes[2 * n + i];
            var max = Math.Max(r, Math.Max(g, b));
            var min = Math.Min(r, Math.Min(g, b));
            var chroma = max - min;
            if (chroma <= 0) continue; // grey pixels have no hue to turn
            float h;
            if (max == r) h = (g - b) / chroma;
            else if (max == g) h = 2 + (b - r) / chroma;
            else h = 4 + (r - g) / chroma;
            h = h / 6 + shift;
            h -= MathF.Floor(h);
            var s = chroma / max;
            (planes[i], planes[n + i], planes[2 * n + i]) = FromHsv(h, s, max);
        }
    }

    public static void Grayscale(Span<float> planes)
    {
        var n = planes.Length / 3;
        for (var i = 0; i < n; i++)
        {
            var grey = Gray(planes[i], planes[n + i], planes[2 * n + i]);
            planes[i] = planes[n + i] = planes[2 * n + i] = grey;
        }
    }

    /// <summary>Inverts values at or above the threshold (PIL's solarize at 128 of 255).</summary>
    public static void Solarize(Span<float> planes, float threshold = 128f / 255f)
    {
        for (var i = 0; i < planes.Length; i++) if (planes[i] >= threshold) planes[i] = 1 - planes[i];
    }

    /// <summary>(x - mean) / std per channel.</summary>
    public static void Normalize(Span<float> planes, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        var n = planes.Length / 3;
        for (var c = 0; c < 3; c++)
        {
            var plane = planes.Slice(c * n, n);
            var m = mean[c];
            var inv = 1f / std[c];
            for (var i = 0; i < n; i++) plane[i] = (plane[i] - m) * inv;
        }
    }

    private static float Gray(float r, float g, float b) => 0.299f * r + 0.587f * g + 0.114f * b;

    private static (float R, float G, float B) FromHsv(float h, float s, float v)
    {
        var sector = h * 6;
        var i = (int)sector % 6;
        var f = sector - MathF.Floor(sector);
        var p = v * (1 - s);
        var q = v * (1 - s * f);
        var t = v * (1 - s * (1 - f));
        return i switch
        {
            0 => (v, t, p),
            1 => (q, v, p),
            2 => (p, v, t),
            3 => (p, q, v),
            4 => (t, p, v),
            _ => (v, p, q),
        };
    }
}
