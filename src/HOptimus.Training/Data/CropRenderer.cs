namespace HOptimus.Training.Data;

/// <summary>
/// Resamples a crop of a uint8 HWC RGB tile into float planar RGB in [0, 1] at size x size, bilinear
/// (torchvision's default for tensors; DINOv2 uses bicubic on PIL images; crops here mostly upscale,
/// where the two differ little). The symmetry is folded into the sampling tables, so flips and
/// rotations cost nothing.
/// </summary>
public static class CropRenderer
{
    private const float Inv255 = 1f / 255f;

    public static unsafe void Render(ReadOnlySpan<byte> rgb, int tileSize, CropBox box, int size, Span<float> planes)
    {
        if (rgb.Length != tileSize * tileSize * 3) throw new ArgumentException($"tile has {rgb.Length} bytes, expected {tileSize}x{tileSize}x3");
        if (planes.Length < 3 * size * size) throw new ArgumentException($"need {3 * size * size} floats, got {planes.Length}");
        // Byte offsets of the two taps and the weight, per output index along each axis of the crop frame.
        Span<int> col0 = stackalloc int[size], col1 = stackalloc int[size], row0 = stackalloc int[size], row1 = stackalloc int[size];
        Span<float> colW = stackalloc float[size], rowW = stackalloc float[size];
        Taps(box.X, box.Width, tileSize, size, box.FlipX, 3, col0, col1, colW);
        Taps(box.Y, box.Height, tileSize, size, box.FlipY, tileSize * 3, row0, row1, rowW);
        var plane = size * size;
        fixed (byte* src = rgb)
        fixed (float* dst = planes)
        fixed (int* c0 = col0, c1 = col1, r0 = row0, r1 = row1)
        fixed (float* cw = colW, rw = rowW)
        {
            for (var y = 0; y < size; y++)
            {
                var o = y * size;
                for (var x = 0; x < size; x++, o++)
                {
                    // In the crop frame, column a and row b; a transpose swaps which output axis drives which.
                    int a = box.Transpose ? y : x, b = box.Transpose ? x : y;
                    var wx = cw[a];
                    var wy = rw[b];
                    byte* tl = src + r0[b] + c0[a], tr = src + r0[b] + c1[a];
                    byte* bl = src + r1[b] + c0[a], br = src + r1[b] + c1[a];
                    dst[o] = Lerp(tl[0], tr[0], bl[0], br[0], wx, wy);
                    dst[plane + o] = Lerp(tl[1], tr[1], bl[1], br[1], wx, wy);
                    dst[2 * plane + o] = Lerp(tl[2], tr[2], bl[2], br[2], wx, wy);
                }
            }
        }
    }

    private static float Lerp(float tl, float tr, float bl, float br, float wx, float wy)
    {
        var upper = tl + (tr - tl) * wx;
        var lower = bl + (br - bl) * wx;
        return (upper + (lower - upper) * wy) * Inv255;
    }

    /// <summary>Source taps (as byte offsets, index x <paramref name="stride"/>) and weights per output index (pixel centres aligned).</summary>
    private static void Taps(int start, int length, int tileSize, int size, bool flip, int stride, Span<int> i0, Span<int> i1, Span<float> w)
    {
        var scale = (double)length / size;
        for (var k = 0; k < size; k++)
        {
            var src = start + (k + 0.5) * scale - 0.5;
            src = Math.Clamp(src, 0, tileSize - 1);
            var lo = (int)src;
            var slot = flip ? size - 1 - k : k;
            i0[slot] = lo * stride;
            i1[slot] = Math.Min(lo + 1, tileSize - 1) * stride;
            w[slot] = (float)(src - lo);
        }
    }
}
