using System.Numerics;
using System.Runtime.InteropServices;

namespace HOptimus.Training.Data;

/// <summary>
/// torchvision's photometric transforms on float planar RGB in [0, 1] (planes r, g, b of n pixels each),
/// with torchvision's formulas so the augmentation strength matches DINOv2's recipe. Each runs in SIMD
/// over whole vectors and finishes the last few pixels with the same formula in scalar code: they run
/// on every crop of every image, and were half of the loader's time as scalar loops.
/// </summary>
public static class ColorOps
{
    private const float R = 0.299f, G = 0.587f, B = 0.114f;
    private static readonly Vector<float> Zero = Vector<float>.Zero, One = Vector<float>.One;

    public static void Brightness(Span<float> planes, float factor) => ScaleShiftClamp(planes, factor, 0);

    /// <summary>Blends with the mean grey level of the whole crop (torchvision adjust_contrast).</summary>
    public static void Contrast(Span<float> planes, float factor)
    {
        Split(planes, out var r, out var g, out var b);
        Span<Vector<float>> rv = Vectors(r), gv = Vectors(g), bv = Vectors(b);
        var sum = Zero;
        for (var i = 0; i < rv.Length; i++) sum += Gray(rv[i], gv[i], bv[i]);
        double total = Vector.Sum(sum);
        for (var i = rv.Length * Vector<float>.Count; i < r.Length; i++) total += Gray(r[i], g[i], b[i]);
        ScaleShiftClamp(planes, factor, (float)(total / r.Length) * (1 - factor));
    }

    /// <summary>Blends each pixel with its own grey level (torchvision adjust_saturation).</summary>
    public static void Saturation(Span<float> planes, float factor)
    {
        Split(planes, out var r, out var g, out var b);
        Span<Vector<float>> rv = Vectors(r), gv = Vectors(g), bv = Vectors(b);
        var (f, keep) = (new Vector<float>(factor), new Vector<float>(1 - factor));
        for (var i = 0; i < rv.Length; i++)
        {
            var grey = Gray(rv[i], gv[i], bv[i]) * keep;
            (rv[i], gv[i], bv[i]) = (Clamp01(rv[i] * f + grey), Clamp01(gv[i] * f + grey), Clamp01(bv[i] * f + grey));
        }
        for (var i = rv.Length * Vector<float>.Count; i < r.Length; i++)
        {
            var grey = Gray(r[i], g[i], b[i]) * (1 - factor);
            (r[i], g[i], b[i]) = (Math.Clamp(r[i] * factor + grey, 0f, 1f), Math.Clamp(g[i] * factor + grey, 0f, 1f),
                                  Math.Clamp(b[i] * factor + grey, 0f, 1f));
        }
    }

    /// <summary>Rotates the hue by <paramref name="shift"/> turns in HSV space (torchvision adjust_hue).</summary>
    public static void Hue(Span<float> planes, float shift)
    {
        Split(planes, out var r, out var g, out var b);
        Span<Vector<float>> rv = Vectors(r), gv = Vectors(g), bv = Vectors(b);
        var turn = new Vector<float>(shift);
        for (var i = 0; i < rv.Length; i++) (rv[i], gv[i], bv[i]) = Hue(rv[i], gv[i], bv[i], turn);
        // The tail goes through the same vector code, one pixel in lane 0, so both paths agree exactly.
        for (var i = rv.Length * Vector<float>.Count; i < r.Length; i++)
        {
            var (hr, hg, hb) = Hue(new Vector<float>(r[i]), new Vector<float>(g[i]), new Vector<float>(b[i]), turn);
            (r[i], g[i], b[i]) = (hr[0], hg[0], hb[0]);
        }
    }

    public static void Grayscale(Span<float> planes)
    {
        Split(planes, out var r, out var g, out var b);
        Span<Vector<float>> rv = Vectors(r), gv = Vectors(g), bv = Vectors(b);
        for (var i = 0; i < rv.Length; i++) rv[i] = gv[i] = bv[i] = Gray(rv[i], gv[i], bv[i]);
        for (var i = rv.Length * Vector<float>.Count; i < r.Length; i++) r[i] = g[i] = b[i] = Gray(r[i], g[i], b[i]);
    }

    /// <summary>Inverts values at or above the threshold (PIL's solarize at 128 of 255).</summary>
    public static void Solarize(Span<float> planes, float threshold = 128f / 255f)
    {
        var values = Vectors(planes);
        var t = new Vector<float>(threshold);
        for (var i = 0; i < values.Length; i++)
            values[i] = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(values[i], t), One - values[i], values[i]);
        for (var i = values.Length * Vector<float>.Count; i < planes.Length; i++) if (planes[i] >= threshold) planes[i] = 1 - planes[i];
    }

    /// <summary>(x - mean) / std per channel.</summary>
    public static void Normalize(Span<float> planes, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        var n = planes.Length / 3;
        for (var c = 0; c < 3; c++)
        {
            var plane = planes.Slice(c * n, n);
            var inv = 1f / std[c];
            var values = Vectors(plane);
            var (m, s) = (new Vector<float>(mean[c]), new Vector<float>(inv));
            for (var i = 0; i < values.Length; i++) values[i] = (values[i] - m) * s;
            for (var i = values.Length * Vector<float>.Count; i < n; i++) plane[i] = (plane[i] - mean[c]) * inv;
        }
    }

    /// <summary>clamp(x * scale + shift, 0, 1) over every value.</summary>
    private static void ScaleShiftClamp(Span<float> planes, float scale, float shift)
    {
        var values = Vectors(planes);
        var (s, o) = (new Vector<float>(scale), new Vector<float>(shift));
        for (var i = 0; i < values.Length; i++) values[i] = Clamp01(values[i] * s + o);
        for (var i = values.Length * Vector<float>.Count; i < planes.Length; i++) planes[i] = Math.Clamp(planes[i] * scale + shift, 0f, 1f);
    }

    /// <summary>RGB → HSV, hue + shift, → RGB, lane by lane; grey lanes (no chroma) keep their values.</summary>
    private static (Vector<float> R, Vector<float> G, Vector<float> B) Hue(Vector<float> r, Vector<float> g, Vector<float> b, Vector<float> shift)
    {
        var max = Vector.Max(r, Vector.Max(g, b));
        var chroma = max - Vector.Min(r, Vector.Min(g, b));
        var coloured = Vector.GreaterThan(chroma, Zero);
        var c = Vector.ConditionalSelect(coloured, chroma, One);
        var isR = Vector.Equals(max, r);
        var isG = Vector.AndNot(Vector.Equals(max, g), isR);
        var sector = Vector.ConditionalSelect(isR, (g - b) / c,
                     Vector.ConditionalSelect(isG, new Vector<float>(2) + (b - r) / c, new Vector<float>(4) + (r - g) / c));
        var h = sector / new Vector<float>(6) + shift;
        h -= Vector.Floor(h);
        var s = chroma / Vector.ConditionalSelect(coloured, max, One);

        var six = h * new Vector<float>(6);
        var index = Vector.Floor(six);
        var f = six - index;
        index = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(index, new Vector<float>(6)), Zero, index);
        var (v, p, q, t) = (max, max * (One - s), max * (One - s * f), max * (One - s * (One - f)));
        Vector<int> Is(float k) => Vector.Equals(index, new Vector<float>(k));
        // Sector k of the hexcone: (v,t,p) (q,v,p) (p,v,t) (p,q,v) (t,p,v) (v,p,q) for k = 0..5.
        var nr = Vector.ConditionalSelect(Is(1), q, Vector.ConditionalSelect(Is(2) | Is(3), p, Vector.ConditionalSelect(Is(4), t, v)));
        var ng = Vector.ConditionalSelect(Is(0), t, Vector.ConditionalSelect(Is(3), q, Vector.ConditionalSelect(Is(4) | Is(5), p, v)));
        var nb = Vector.ConditionalSelect(Is(2), t, Vector.ConditionalSelect(Is(3) | Is(4), v, Vector.ConditionalSelect(Is(5), q, p)));
        return (Vector.ConditionalSelect(coloured, nr, r), Vector.ConditionalSelect(coloured, ng, g), Vector.ConditionalSelect(coloured, nb, b));
    }

    private static void Split(Span<float> planes, out Span<float> r, out Span<float> g, out Span<float> b)
    {
        var n = planes.Length / 3;
        r = planes[..n];
        g = planes.Slice(n, n);
        b = planes.Slice(2 * n, n);
    }

    private static Span<Vector<float>> Vectors(Span<float> values) => MemoryMarshal.Cast<float, Vector<float>>(values);
    private static Vector<float> Clamp01(Vector<float> v) => Vector.Min(Vector.Max(v, Zero), One);
    private static Vector<float> Gray(Vector<float> r, Vector<float> g, Vector<float> b) => r * R + g * G + b * B;
    private static float Gray(float r, float g, float b) => R * r + G * g + B * b;
}
