using HOptimus.Tiles;
using Microsoft.Win32.SafeHandles;

namespace HOptimus.Slides;

/// <summary>
/// Reads regions of JPEG-tiled TIFF levels (Aperio SVS, generic pyramidal TIFF) straight to RGB: each
/// source tile's bytes are read and decoded by TurboJPEG with the settings OpenSlide uses, then copied
/// into place. OpenSlide decodes the same bytes the same way but then composites every tile through
/// cairo/pixman into premultiplied ARGB, which was a third of hopt-pack's time. A read it cannot do
/// exactly as OpenSlide would (another compression or colour space, a fractional level offset, a
/// missing or corrupt tile) returns false and the caller reads through OpenSlide, which also gives
/// the error message. Thread-safe: positioned reads on one handle, one decoder per thread.
/// </summary>
internal sealed class DirectTiffReader : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly TiffDirectory?[] _levels;
    private readonly JpegDecoder _decoder = new();
    private readonly ThreadLocal<(byte[] Jpeg, byte[] Rgb)> _buffers = new(() => ([], []));

    private DirectTiffReader(SafeFileHandle file, TiffDirectory?[] levels) => (_file, _levels) = (file, levels);

    /// <summary>
    /// A reader when at least one of the slide's levels is a JPEG-tiled TIFF directory of its size; else
    /// null, also when the file cannot be opened again: the slide then reads through OpenSlide alone.
    /// </summary>
    public static DirectTiffReader? TryOpen(string path, IReadOnlyList<(long Width, long Height)> levels)
    {
        try
        {
            IReadOnlyList<TiffDirectory> directories;
            using (var stream = File.OpenRead(path)) directories = TiffDirectory.ReadAll(stream);
            var matched = levels.Select(l => directories.FirstOrDefault(d => d.Width == l.Width && d.Height == l.Height && Readable(d))).ToArray();
            return matched.Any(d => d is not null) ? new DirectTiffReader(File.OpenHandle(path), matched) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool Readable(TiffDirectory d) =>
        d.Compression == TiffDirectory.CompressionJpeg && d.Photometric is TiffDirectory.PhotometricRgb or TiffDirectory.PhotometricYCbCr &&
        d.SamplesPerPixel == 3 && d.BitsPerSample == 8 && d.PlanarConfig == 1 && d.TileWidth is > 0 and <= 4096 &&
        d.TileHeight is > 0 and <= 4096 && d.TileOffsets.Length == d.TileByteCounts.Length &&
        d.TileOffsets.Length == Across(d) * ((d.Height + d.TileHeight - 1) / d.TileHeight);

    private static long Across(TiffDirectory d) => (d.Width + d.TileWidth - 1) / d.TileWidth;

    /// <summary>The w×h region at level pixel (x, y) of <paramref name="level"/> as RGB, or false to use OpenSlide.</summary>
    public bool TryRead(int level, long x, long y, int width, int height, Span<byte> rgb)
    {
        var d = _levels[level];
        if (d is null || x < 0 || y < 0 || x + width > d.Width || y + height > d.Height || width <= 0 || height <= 0) return false;
        var (tw, th) = (d.TileWidth, d.TileHeight);
        var buffers = _buffers.Value;
        if (buffers.Rgb.Length < tw * th * 3) buffers = _buffers.Value = (buffers.Jpeg, new byte[tw * th * 3]);
        for (var row = y / th; row <= (y + height - 1) / th; row++)
        for (var col = x / tw; col <= (x + width - 1) / tw; col++)
        {
            if (!Decode(d, row * Across(d) + col, ref buffers)) return false;
            // The part of tile (col, row) inside the region.
            long x0 = Math.Max(x, col * tw), x1 = Math.Min(x + width, (col + 1) * tw);
            long y0 = Math.Max(y, row * th), y1 = Math.Min(y + height, (row + 1) * th);
            var span = (int)(x1 - x0) * 3;
            for (var py = y0; py < y1; py++)
                buffers.Rgb.AsSpan((int)(((py - row * th) * tw + (x0 - col * tw)) * 3), span)
                    .CopyTo(rgb.Slice((int)(((py - y) * width + (x0 - x)) * 3), span));
        }
        return true;
    }

    /// <summary>Decodes tile <paramref name="index"/> into the thread's RGB buffer: the directory's JPEG tables, then the tile's scan.</summary>
    private bool Decode(TiffDirectory d, long index, ref (byte[] Jpeg, byte[] Rgb) buffers)
    {
        var count = (long)d.TileByteCounts[index];
        if (count < 4 || count > 64 << 20) return false;
        var tables = d.JpegTables is { Length: > 4 } t ? t.AsSpan(0, t.Length - 2) : default; // without its EOI
        var skip = tables.IsEmpty ? 0 : 2;                                                      // the tile's SOI
        var length = tables.Length + (int)count - skip;
        if (buffers.Jpeg.Length < length) buffers = _buffers.Value = (new byte[Math.Max(length, 2 * buffers.Jpeg.Length)], buffers.Rgb);
        var jpeg = buffers.Jpeg.AsSpan(0, length);
        // The tile is read over the tables' last two bytes (its SOI lands there), which are then put back.
        if (RandomAccess.Read(_file, jpeg.Slice(tables.Length - skip, (int)count), (long)d.TileOffsets[index]) != count) return false;
        tables.CopyTo(jpeg);
        return _decoder.TryDecode(jpeg, d.TileWidth, d.TileHeight, d.Photometric == TiffDirectory.PhotometricRgb, buffers.Rgb);
    }

    public void Dispose()
    {
        _file.Dispose();
        _decoder.Dispose();
        _buffers.Dispose();
    }
}
