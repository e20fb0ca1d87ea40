using System.Numerics;

namespace HOptimus.Training.Data;

/// <summary>
/// Separable Gaussian blur with a 9-tap kernel and reflected borders, as torchvision's
/// GaussianBlur(kernel_size=9, sigma) that DINOv2 uses. Both passes run down the columns, whole rows
/// at a time in SIMD (a transpose between them), which is what makes it cheap enough per crop.
/// </summary>
public static class GaussianBlur
{
    private const int Radius = 4;

    /// <param name="scratch">At least size x size floats.</param>
    public static void Apply(Span<float> planes, int size, float sigma, Span<float> scratch)
    {
        Span<float> kernel = stackalloc float[2 * Radius + 1];
        float sum = 0;
        for (var k = -Radius; k <= Radius; k++) sum += kernel[k + Radius] = MathF.Exp(-0.5f * k * k / (sigma * sigma));
        for (var k = 0; k < kernel.Length; k++) kernel[k] /= sum;
        var n = size * size;
        var temp = scratch[..n];
        for (var c = 0; c < 3; c++)
        {
            var plane = planes.Slice(c * n, n);
            Vertical(plane, temp, size, kernel);
            Transpose(temp, plane, size);
            Vertical(plane, temp, size, kernel);
            Transpose(temp, plane, size);
        }
    }

    /// <summary>dst row y = sum over taps of kernel[k] x src row reflect(y + k).</summary>
    private static void Vertical(ReadOnlySpan<float> src, Span<float> dst, int size, ReadOnlySpan<float> kernel)
    {
        var width = Vector<float>.Count;
        for (var y = 0; y < size; y++)
        {
            var output = dst.Slice(y * size, size);
            output.Clear();
            for (var k = -Radius; k <= Radius; k++)
            {
                var input = src.Slice(Reflect(y + k, size) * size, size);
                var w = kernel[k + Radius];
                var wv = new Vector<float>(w);
                var x = 0;
                for (; x <= size - width; x += width)
                    (new Vector<float>(output[x..]) + wv * new Vector<float>(input[x..])).CopyTo(output[x..]);
                for (; x < size; x++) output[x] += w * input[x];
            }
        }
    }

    private static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int size)
    {
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                dst[x * size + y] = src[y * size + x];
    }

    private static int Reflect(int i, int size) => i < 0 ? -i : i >= size ? 2 * size - 2 - i : i;
}
