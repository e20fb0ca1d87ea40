using System.Buffers.Binary;

namespace HOptimus.Slides;

/// <summary>
/// The tags of one TIFF image file directory that a direct tile read needs, read from classic TIFF or
/// BigTIFF in either byte order. Anything unexpected makes <see cref="ReadAll"/> return nothing: the
/// caller then reads through OpenSlide as before.
/// </summary>
internal sealed record TiffDirectory(long Width, long Height, int Compression, int Photometric, int SamplesPerPixel,
    int BitsPerSample, int PlanarConfig, int TileWidth, int TileHeight, ulong[] TileOffsets, ulong[] TileByteCounts, byte[]? JpegTables)
{
    private const int MaxDirectories = 64;
    private const ulong MaxValues = 50_000_000;

    public const int CompressionJpeg = 7;
    public const int PhotometricRgb = 2;
    public const int PhotometricYCbCr = 6;

    public static IReadOnlyList<TiffDirectory> ReadAll(Stream file)
    {
        try
        {
            return Read(file);
        }
        catch (Exception e) when (e is IOException or ArgumentException or OverflowException or InvalidDataException or EndOfStreamException)
        {
            return [];
        }
    }

    private static List<TiffDirectory> Read(Stream file)
    {
        var header = Bytes(file, 0, 16);
        var little = header[0] == 'I' && header[1] == 'I';
        if (!little && !(header[0] == 'M' && header[1] == 'M')) return [];
        var reader = new Reader(file, little);
        var big = reader.U16(header, 2) == 43;
        if (!big && reader.U16(header, 2) != 42) return [];
        var next = big ? reader.U64(header, 8) : reader.U32(header, 4);
        var directories = new List<TiffDirectory>();
        for (var d = 0; d < MaxDirectories && next != 0; d++)
        {
            var (tags, following) = reader.Directory(next, big);
            next = following;
            if (!tags.ContainsKey(322)) continue; // stripped images (thumbnail, label, macro) are never read directly
            ulong One(int tag, ulong? fallback = null) =>
                tags.TryGetValue(tag, out var e) ? reader.Values(e)[0] : fallback ?? throw new InvalidDataException($"TIFF tag {tag} missing");
            directories.Add(new TiffDirectory(
                (long)One(256), (long)One(257), (int)One(259, 1), (int)One(262, 0), (int)One(277, 1), (int)One(258, 1),
                (int)One(284, 1), (int)One(322), (int)One(323), reader.Values(tags[324]), reader.Values(tags[325]),
                tags.TryGetValue(347, out var tables) ? reader.Raw(tables) : null));
        }
        return directories;
    }

    private static byte[] Bytes(Stream file, long offset, int count)
    {
        var buffer = new byte[count];
        file.Position = offset;
        file.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>A tag: its type, count, and either its first value (inline) or where its values are.</summary>
    private readonly record struct Entry(int Type, ulong Count, byte[] InlineBytes, ulong Offset, bool IsInline);

    private sealed class Reader(Stream file, bool little)
    {
        public ushort U16(byte[] b, int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at));
        public uint U32(byte[] b, int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));
        public ulong U64(byte[] b, int at) => little ? BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(at));

        public (Dictionary<int, Entry> Tags, ulong Next) Directory(ulong offset, bool big)
        {
            var countBytes = Bytes(file, checked((long)offset), big ? 8 : 2);
            var count = big ? U64(countBytes, 0) : U16(countBytes, 0);
            if (count > 4096) throw new InvalidDataException("implausible TIFF directory");
            var size = big ? 20 : 12;
            var body = Bytes(file, checked((long)offset + countBytes.Length), checked((int)count * size + (big ? 8 : 4)));
            var tags = new Dictionary<int, Entry>();
            for (var i = 0; i < (int)count; i++)
            {
                var at = i * size;
                int tag = U16(body, at), type = U16(body, at + 2);
                var n = big ? U64(body, at + 4) : U32(body, at + 4);
                var valueAt = at + (big ? 12 : 8);
                var inline = TypeSize(type) * n <= (ulong)(big ? 8 : 4);
                tags[tag] = new Entry(type, n, body[valueAt..(valueAt + (big ? 8 : 4))], big ? U64(body, valueAt) : U32(body, valueAt), inline);
            }
            var nextAt = (int)count * size;
            return (tags, big ? U64(body, nextAt) : U32(body, nextAt));
        }

        /// <summary>Every value of a SHORT, LONG or LONG8 tag.</summary>
        public ulong[] Values(Entry e)
        {
            if (e.Count > MaxValues) throw new InvalidDataException("implausible TIFF tag count");
            var width = (int)TypeSize(e.Type);
            if (width is not (2 or 4 or 8)) throw new InvalidDataException($"TIFF type {e.Type} is not an integer");
            var raw = e.IsInline ? e.InlineBytes : Bytes(file, checked((long)e.Offset), checked((int)e.Count * width));
            var values = new ulong[e.Count];
            for (var i = 0; i < values.Length; i++)
                values[i] = width switch { 2 => U16(raw, 2 * i), 4 => U32(raw, 4 * i), _ => U64(raw, 8 * i) };
            return values;
        }

        /// <summary>The bytes of an UNDEFINED or BYTE tag stored out of line (JPEGTables).</summary>
        public byte[] Raw(Entry e) =>
            e.IsInline || e.Count > MaxValues ? throw new InvalidDataException("unexpected JPEGTables") : Bytes(file, checked((long)e.Offset), (int)e.Count);

        private static ulong TypeSize(int type) => type switch
        {
            1 or 2 or 6 or 7 => 1,
            3 or 8 => 2,
            4 or 9 or 11 or 13 => 4,
            5 or 10 or 12 or 16 or 17 or 18 => 8,
            _ => 1,
        };
    }
}
