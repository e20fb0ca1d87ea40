namespace HOptimus.Tiles;

/// <summary>
/// Decodes whole JPEG images of a known size to RGB through TurboJPEG with libjpeg's default settings
/// (accurate integer IDCT, fancy upsampling), the ones OpenSlide decodes slide tiles with. Safe to share
/// between threads: each gets its own handle.
/// </summary>
public sealed class JpegDecoder : IDisposable
{
    private const int ColorSpaceRgb = 0;   // TJCS_RGB
    private const int ColorSpaceYCbCr = 1; // TJCS_YCbCr
    private readonly ThreadLocal<IntPtr> _handles = new(TurboJpeg.tjInitDecompress, trackAllValues: true);

    /// <summary>
    /// False, leaving <paramref name="rgb"/> undefined, when the stream is corrupt, not
    /// <paramref name="width"/>×<paramref name="height"/>, or not in the colour space the container
    /// declares (<paramref name="storedAsRgb"/>: RGB components, else YCbCr), so the caller can fall back.
    /// </summary>
    public unsafe bool TryDecode(ReadOnlySpan<byte> jpeg, int width, int height, bool storedAsRgb, Span<byte> rgb)
    {
        if (rgb.Length < width * height * 3) throw new ArgumentException($"buffer holds {rgb.Length} bytes, need {width * height * 3}");
        var handle = _handles.Value;
        fixed (byte* src = jpeg)
        fixed (byte* dst = rgb)
        {
            if (TurboJpeg.tjDecompressHeader3(handle, src, (nuint)jpeg.Length, out var w, out var h, out _, out var colorSpace) != 0) return false;
            if (w != width || h != height || colorSpace != (storedAsRgb ? ColorSpaceRgb : ColorSpaceYCbCr)) return false;
            return TurboJpeg.tjDecompress2(handle, src, (nuint)jpeg.Length, dst, width, width * 3, height, TurboJpeg.PixelFormatRgb, 0) == 0;
        }
    }

    public void Dispose()
    {
        foreach (var h in _handles.Values) TurboJpeg.tjDestroy(h);
        _handles.Dispose();
    }
}
