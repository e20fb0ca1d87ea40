using HOptimus.Core;

namespace HOptimus.Tiles;

/// <summary>
/// Builds one HDF5 tile shard (layout in contracts.md). Tiles go to a hidden temp file as they come:
/// through libhdf5 straight into the shard-to-be when it loads (<see cref="NativeTileStore"/>), else to a
/// spool that PureHDF turns into the shard at commit (<see cref="TileSpool"/>). <see cref="Commit"/>
/// renames the finished file into place, so a reader never sees half a shard and a crash leaves none.
/// Not thread-safe: one producer adds tiles.
/// </summary>
public sealed class TileShardWriter : IDisposable
{
    private readonly ITileStore _store;
    private readonly TileCodec _codec;
    private readonly List<ShardSlide> _slides = [];
    private readonly List<long> _xy = [];
    private readonly List<int> _slideOfTile = [];
    private readonly List<int> _labels = [];
    private bool _committed;

    /// <param name="path">Final shard path (…/shard-TTTTT-SSS.h5).</param>
    /// <param name="header">Codec, patch size, target mpp, JPEG quality, label names.</param>
    /// <param name="spoolDirectory">Where tiles wait until commit on the PureHDF path; default: the shard's folder.</param>
    /// <param name="useLibHdf5">Null or true: libhdf5 when it loads; false forces the PureHDF path.</param>
    public TileShardWriter(string path, ShardHeader header, string? spoolDirectory = null, bool? useLibHdf5 = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        Header = header;
        _codec = new TileCodec(header.Codec, header.PatchSize, header.JpegQuality);
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        try
        {
            Directory.CreateDirectory(folder);
            UsesLibHdf5 = useLibHdf5 != false && Hdf5Native.TryInitialize(out _);
            _store = UsesLibHdf5 ? new NativeTileStore(AtomicFile.TempNameFor(Path), header) : new TileSpool(spoolDirectory ?? folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            _codec.Dispose();
            throw new HoptException($"{Path}: cannot start shard: {e.Message}", ExitCodes.Failed, e);
        }
    }

    /// <summary>True when tiles are written through libhdf5, false on the PureHDF path.</summary>
    public bool UsesLibHdf5 { get; }

    public string Path { get; }
    public ShardHeader Header { get; }
    public int Count => _store.Count;
    /// <summary>Encoded tile bytes so far: the shard's size, give or take HDF5 metadata.</summary>
    public long EncodedBytes => _store.Bytes;
    public IReadOnlyList<ShardSlide> Slides => _slides;
    public ShardMark Mark => new(Count, _slides.Count);

    /// <summary>Adds a row to the slide table; returns its index for the slide's tiles.</summary>
    public int AddSlide(ShardSlide slide)
    {
        _slides.Add(slide);
        return _slides.Count - 1;
    }

    /// <summary>Encodes and adds RGB pixels (PatchSize*PatchSize*3 bytes).</summary>
    public void AddRgb(int slide, long x, long y, ReadOnlySpan<byte> rgb, int? label = null) =>
        AddEncoded(slide, x, y, _codec.Encode(rgb), label);

    /// <summary>Adds a tile already encoded with the header's codec (see <see cref="TileCodec.Encode"/>).</summary>
    public void AddEncoded(int slide, long x, long y, ReadOnlySpan<byte> encoded, int? label = null)
    {
        if (_committed) throw new InvalidOperationException($"{Path}: shard already committed");
        if ((uint)slide >= (uint)_slides.Count)
            throw new ArgumentOutOfRangeException(nameof(slide), slide, $"slide table has {_slides.Count} rows");
        if (Header.Codec == TileCodecKind.Raw && encoded.Length != _codec.RgbBytes)
            throw new ArgumentException($"raw tile has {encoded.Length} bytes, expected {_codec.RgbBytes}");
        if (encoded.Length == 0) throw new ArgumentException("empty encoded tile");
        if (Header.LabelNames is null != label is null)
            throw new ArgumentException(Header.LabelNames is null
                ? "this shard has no label names, so tiles take no label"
                : "this shard has label names, so every tile needs a label");
        if (label is int l && (uint)l >= (uint)Header.LabelNames!.Count)
            throw new ArgumentOutOfRangeException(nameof(label), l, $"{Header.LabelNames.Count} label names");
        _store.Append(encoded);
        _xy.Add(x);
        _xy.Add(y);
        _slideOfTile.Add(slide);
        if (label is int value) _labels.Add(value);
    }

    /// <summary>Drops every tile and slide added after <paramref name="mark"/> (a slide that failed midway).</summary>
    public void Rewind(ShardMark mark)
    {
        _store.Truncate(mark.Tiles);
        _xy.RemoveRange(2 * mark.Tiles, _xy.Count - 2 * mark.Tiles);
        _slideOfTile.RemoveRange(mark.Tiles, _slideOfTile.Count - mark.Tiles);
        if (_labels.Count > mark.Tiles) _labels.RemoveRange(mark.Tiles, _labels.Count - mark.Tiles);
        if (_slides.Count > mark.Slides) _slides.RemoveRange(mark.Slides, _slides.Count - mark.Slides);
    }

    /// <summary>Writes the shard atomically and returns its manifest entry. At least one tile is required.</summary>
    public ShardFileInfo Commit()
    {
        if (_committed) throw new InvalidOperationException($"{Path}: shard already committed");
        if (Count == 0) throw new InvalidOperationException($"{Path}: a shard needs at least one tile");
        var content = new ShardContent(Header, _slides, _xy, _slideOfTile, Header.LabelNames is null ? null : _labels);
        try
        {
            _store.Commit(Path, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new HoptException($"{Path}: cannot write shard: {e.Message}", ExitCodes.Failed, e);
        }
        _committed = true;
        return new ShardFileInfo(System.IO.Path.GetFileName(Path), Count, new FileInfo(Path).Length, Checksums.Sha256File(Path));
    }

    /// <summary>Writes a small shard in one call (tests, eval datasets made from image folders).</summary>
    public static ShardFileInfo Write(string path, ShardHeader header, IEnumerable<ShardSlide> slides, IEnumerable<ShardTile> tiles,
                                      bool? useLibHdf5 = null)
    {
        using var writer = new TileShardWriter(path, header, useLibHdf5: useLibHdf5);
        foreach (var slide in slides) writer.AddSlide(slide);
        foreach (var t in tiles) writer.AddRgb(t.Slide, t.X, t.Y, t.Rgb, t.Label);
        return writer.Commit();
    }

    public void Dispose()
    {
        _store.Dispose();
        _codec.Dispose();
    }
}
