using System.Runtime.InteropServices;
using HOptimus.Core;

namespace HOptimus.Tiles;

/// <summary>
/// Encodes and decodes square RGB tiles (H*W*3 bytes, row-major) as raw bytes or JPEG through
/// libturbojpeg. Safe to share between threads: each thread gets its own TurboJPEG handles, which are
/// destroyed with the codec.
/// </summary>
public sealed class TileCodec : IDisposable
{
    private readonly ThreadLocal<IntPtr> _compressors = new(TurboJpeg.tjInitCompress, trackAllValues: true);
    private readonly ThreadLocal<IntPtr> _decompressors = new(TurboJpeg.tjInitDecompress, trackAllValues: true);
    private bool _disposed;

    /// <param name="kind">Storage codec.</param>
    /// <param name="patchSize">Tile side in pixels (224 for H-optimus-1).</param>
    /// <param name="jpegQuality">JPEG quality 1..100 (default 90); ignored for raw.</param>
    public TileCodec(TileCodecKind kind, int patchSize, int jpegQuality = 90)
    {
        if (patchSize <= 0) throw new ArgumentOutOfRangeException(nameof(patchSize), patchSize, "must be > 0");
        if (jpegQuality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(jpegQuality), jpegQuality, "must be in [1, 100]");
        Kind = kind;
        PatchSize = patchSize;
        JpegQuality = jpegQuality;
    }

    public TileCodecKind Kind { get; }
    public int PatchSize { get; }
    public int JpegQuality { get; }
    public int RgbBytes => PatchSize * PatchSize * 3;

    /// <summary>Stored bytes of one tile: a copy for raw, a JPEG stream for jpeg.</summary>
    public byte[] Encode(ReadOnlySpan<byte> rgb)
    {
        CheckRgbLength(rgb.Length);
        return Kind == TileCodecKind.Raw ? rgb.ToArray() : EncodeJpeg(rgb);
    }

    /// <summary>RGB pixels of one stored tile.</summary>
    public byte[] Decode(ReadOnlySpan<byte> encoded)
    {
        var rgb = new byte[RgbBytes];
        Decode(encoded, rgb);
        return rgb;
    }

    public void Decode(ReadOnlySpan<byte> encoded, Span<byte> rgb)
    {
        CheckRgbLength(rgb.Length);
        if (Kind == TileCodecKind.Raw)
        {
            if (encoded.Length != RgbBytes)
                throw HoptException.BadInput($"raw tile has {encoded.Length} bytes, expected {RgbBytes} ({PatchSize}x{PatchSize}x3)");
            encoded.CopyTo(rgb);
            return;
        }
        DecodeJpeg(encoded, rgb);
    }

    private unsafe byte[] EncodeJpeg(ReadOnlySpan<byte> rgb)
    {
        var handle = _compressors.Value;
        var jpeg = IntPtr.Zero;
        nuint size = 0;
        try
        {
            fixed (byte* src = rgb)
            {
                var rc = TurboJpeg.tjCompress2(handle, src, PatchSize, PatchSize * 3, PatchSize, TurboJpeg.PixelFormatRgb,
                    ref jpeg, ref size, TurboJpeg.Subsampling444, JpegQuality, TurboJpeg.FlagAccurateDct);
                if (rc != 0) throw new InvalidOperationException($"JPEG encode failed: {TurboJpeg.Error(handle)}");
            }
            var bytes = new byte[(int)size];
            Marshal.Copy(jpeg, bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            if (jpeg != IntPtr.Zero) TurboJpeg.tjFree(jpeg);
        }
    }

    private unsafe void DecodeJpeg(ReadOnlySpan<byte> jpeg, Span<byte> rgb)
    {
        var handle = _decompressors.Value;
        fixed (byte* src = jpeg)
        fixed (byte* dst = rgb)
        {
            if (TurboJpeg.tjDecompressHeader3(handle, src, (nuint)jpeg.Length, out var w, out var h, out _, out _) != 0)
                throw HoptException.BadInput($"JPEG tile is corrupt: {TurboJpeg.Error(handle)}");
            if (w != PatchSize || h != PatchSize)
                throw HoptException.BadInput($"JPEG tile is {w}x{h}, expected {PatchSize}x{PatchSize}");
            if (TurboJpeg.tjDecompress2(handle, src, (nuint)jpeg.Length, dst, PatchSize, PatchSize * 3, PatchSize,
                    TurboJpeg.PixelFormatRgb, TurboJpeg.FlagAccurateDct) != 0)
                throw HoptException.BadInput($"JPEG tile is corrupt: {TurboJpeg.Error(handle)}");
        }
    }

    private void CheckRgbLength(int length)
    {
        if (length != RgbBytes)
            throw new ArgumentException($"RGB tile has {length} bytes, expected {RgbBytes} ({PatchSize}x{PatchSize}x3)");
    }

    /// <summary>Peak signal-to-noise ratio in dB between two 8-bit images of equal size (infinity when equal).</summary>
    public static double Psnr(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"images differ in size: {a.Length} vs {b.Length} bytes");
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }
        if (sum == 0) return double.PositiveInfinity;
        var mse = sum / a.Length;
        return 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var h in _compressors.Values) TurboJpeg.tjDestroy(h);
        foreach (var h in _decompressors.Values) TurboJpeg.tjDestroy(h);
        _compressors.Dispose();
        _decompressors.Dispose();
    }
}
