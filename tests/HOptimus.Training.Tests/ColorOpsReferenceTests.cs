using HOptimus.Training.Data;

namespace HOptimus.Training.Tests;

/// <summary>
/// The SIMD colour ops against torchvision's formulas written per pixel in plain scalar code, on a
/// 98 x 98 crop (9,604 pixels: not a whole number of vectors, so the scalar tails run too) with grey
/// pixels and ties between channels, where the hue's case analysis is easiest to get wrong.
/// </summary>
public class ColorOpsReferenceTests
{
    private const int Pixels = 98 * 98;

    private static float[] Crop()
    {
        var rng = new Random(5);
        var planes = new float[3 * Pixels];
        for (var i = 0; i < planes.Length; i++) planes[i] = rng.NextSingle();
        for (var i = 0; i < Pixels; i += 7) planes[Pixels + i] = planes[i];                      // r == g
        for (var i = 3; i < Pixels; i += 11) planes[2 * Pixels + i] = planes[Pixels + i];        // g == b
        for (var i = 5; i < Pixels; i += 13) planes[Pixels + i] = planes[2 * Pixels + i] = planes[i]; // grey
        planes[Pixels - 1] = 0.9f; planes[2 * Pixels - 1] = 0.1f; planes[3 * Pixels - 1] = 0.5f;   // last tail pixel coloured
        return planes;
    }

    private static void AssertMatches(Action<float[]> simd, Action<float[]> reference)
    {
        var (a, b) = (Crop(), Crop());
        simd(a);
        reference(b);
        var worst = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
        Assert.That(worst, Is.LessThan(2e-6f), "largest difference from the scalar formula");
        Assert.That(a, Is.Not.EqualTo(Crop()), "the op changed the crop");
    }

    [TestCase(-0.4f)]
    [TestCase(0.1f)]
    [TestCase(0.5f)]
    public void HueMatchesTheScalarHsvFormula(float shift) => AssertMatches(p => ColorOps.Hue(p, shift), p => PerPixel(p, (r, g, b) => Hue(r, g, b, shift)));

    [Test]
    public void SaturationMatchesTheScalarFormula() => AssertMatches(p => ColorOps.Saturation(p, 1.7f), p => PerPixel(p, (r, g, b) =>
    {
        var grey = Gray(r, g, b) * (1 - 1.7f);
        return (Clamp(r * 1.7f + grey), Clamp(g * 1.7f + grey), Clamp(b * 1.7f + grey));
    }));

    [Test]
    public void ContrastMatchesTheScalarFormula() => AssertMatches(p => ColorOps.Contrast(p, 0.6f), p =>
    {
        double sum = 0;
        for (var i = 0; i < Pixels; i++) sum += Gray(p[i], p[Pixels + i], p[2 * Pixels + i]);
        var mean = (float)(sum / Pixels) * (1 - 0.6f);
        for (var i = 0; i < p.Length; i++) p[i] = Clamp(p[i] * 0.6f + mean);
    });

    [Test]
    public void BrightnessGrayscaleSolarizeAndNormalizeMatchTheScalarFormulas()
    {
        AssertMatches(p => ColorOps.Brightness(p, 1.3f), p => Each(p, v => Clamp(v * 1.3f)));
        AssertMatches(p => ColorOps.Grayscale(p), p => PerPixel(p, (r, g, b) => (Gray(r, g, b), Gray(r, g, b), Gray(r, g, b))));
        AssertMatches(p => ColorOps.Solarize(p), p => Each(p, v => v >= 128f / 255f ? 1 - v : v));
        float[] mean = [0.7f, 0.6f, 0.7f], std = [0.2f, 0.25f, 0.2f];
        AssertMatches(p => ColorOps.Normalize(p, mean, std), p =>
        {
            for (var i = 0; i < p.Length; i++) p[i] = (p[i] - mean[i / Pixels]) * (1f / std[i / Pixels]);
        });
    }

    private static void Each(float[] p, Func<float, float> f)
    {
        for (var i = 0; i < p.Length; i++) p[i] = f(p[i]);
    }

    private static void PerPixel(float[] p, Func<float, float, float, (float, float, float)> f)
    {
        for (var i = 0; i < Pixels; i++) (p[i], p[Pixels + i], p[2 * Pixels + i]) = f(p[i], p[Pixels + i], p[2 * Pixels + i]);
    }

    private static float Clamp(float v) => Math.Clamp(v, 0f, 1f);
    private static float Gray(float r, float g, float b) => 0.299f * r + 0.587f * g + 0.114f * b;

    /// <summary>torchvision's _rgb2hsv / _hsv2rgb, one pixel at a time.</summary>
    private static (float, float, float) Hue(float r, float g, float b, float shift)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var chroma = max - Math.Min(r, Math.Min(g, b));
        if (chroma <= 0) return (r, g, b);
        var h = max == r ? (g - b) / chroma : max == g ? 2 + (b - r) / chroma : 4 + (r - g) / chroma;
        h = h / 6 + shift;
        h -= MathF.Floor(h);
        var s = chroma / max;
        var sector = h * 6;
        var f = sector - MathF.Floor(sector);
        var (v, p, q, t) = (max, max * (1 - s), max * (1 - s * f), max * (1 - s * (1 - f)));
        return ((int)sector % 6) switch
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
