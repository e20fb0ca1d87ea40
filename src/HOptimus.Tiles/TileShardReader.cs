using HOptimus.Core;
using PureHDF;
using PureHDF.VOL.Native;

namespace HOptimus.Tiles;

/// <summary>
/// Reads a tile shard. Metadata (attributes, coords, slide index, labels, slide table) is read once at
/// open, with PureHDF. Tiles take the faster path measured on this machine (500 tiles, one thread):
/// raw tiles through libhdf5 (0.1-0.2 ms/tile; PureHDF 4.8-6.3 ms), JPEG blobs through PureHDF
/// (0.03 ms/tile; libhdf5 0.1 ms; decoding costs 1 ms either way). Without libhdf5, raw falls back to
/// PureHDF. Safe to use from several threads: HDF5 reads are serialized by a lock (libhdf5 is not
/// built thread-safe) and JPEG decoding runs in parallel outside it.
/// </summary>
public sealed class TileShardReader : IDisposable
{
    private readonly NativeFile? _pureHdf;
    private readonly ITileSource _source;
    private readonly long[,] _coords;
    private readonly int[] _slideOfTile;
    private readonly int[]? _labels;
    private readonly TileCodec _codec;

    private TileShardReader(string path, NativeFile pureHdf, bool? useLibHdf5)
    {
        Path = path;
        var meta = ShardMetadata.Read(path, pureHdf);
        Header = meta.Header;
        Slides = meta.Slides;
        _coords = meta.Coords;
        _slideOfTile = meta.SlideOfTile;
        _labels = meta.Labels;
        _codec = new TileCodec(Header.Codec, Header.PatchSize, Header.JpegQuality);
        if ((useLibHdf5 ?? Header.Codec == TileCodecKind.Raw) && Hdf5Native.TryInitialize(out _))
        {
            pureHdf.Dispose();
            _source = OpenNative(path, Header);
        }
        else
        {
            _pureHdf = pureHdf;
            _source = new PureHdfTileSource(path, pureHdf.Dataset(ShardLayout.Tiles), Header.Codec, Header.PatchSize);
        }
    }

    /// <summary>Opens a shard; a missing, truncated or foreign file is a HoptException naming it.</summary>
    /// <param name="useLibHdf5">Tile read path: null picks the faster for the codec (above); true uses libhdf5
    /// when it loads; false forces PureHDF.</param>
    public static TileShardReader Open(string path, bool? useLibHdf5 = null)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path)) throw HoptException.BadInput($"{path}: tile shard not found");
        NativeFile file;
        try
        {
            file = H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw HoptException.BadInput($"{path}: not a readable HDF5 tile shard (truncated or corrupt?): {e.Message}", e);
        }
        try
        {
            return new TileShardReader(path, file, useLibHdf5);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public string Path { get; }
    public ShardHeader Header { get; }
    public int Count => _slideOfTile.Length;
    public TileCodecKind Codec => Header.Codec;
    public int PatchSize => Header.PatchSize;
    public IReadOnlyList<ShardSlide> Slides { get; }
    /// <summary>True when tiles are read through libhdf5, false for the PureHDF fallback.</summary>
    public bool UsesLibHdf5 => _pureHdf is null;
    public IReadOnlyList<string>? LabelNames => Header.LabelNames;

    /// <summary>Level-0 (x, y) of tile <paramref name="i"/>'s top-left corner.</summary>
    public (long X, long Y) Coords(int i) => (_coords[i, 0], _coords[i, 1]);
    public int SlideIndex(int i) => _slideOfTile[i];
    public int? Label(int i) => _labels?[i];

    /// <summary>The stored bytes: a JPEG stream, or PatchSize*PatchSize*3 raw RGB bytes.</summary>
    public byte[] ReadEncoded(int i)
    {
        if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(i), i, $"{Path} has {Count} tiles");
        return _source.Read(i);
    }

    /// <summary>Decoded RGB pixels, PatchSize*PatchSize*3 bytes, row-major.</summary>
    public byte[] ReadRgb(int i)
    {
        var encoded = ReadEncoded(i);
        if (Codec == TileCodecKind.Raw) return encoded;
        try
        {
            return _codec.Decode(encoded);
        }
        catch (HoptException e)
        {
            throw HoptException.BadInput($"{Path}: tile {i}: {e.Message}", e);
        }
    }

    private static Hdf5TileSource OpenNative(string path, ShardHeader header)
    {
        try
        {
            return new Hdf5TileSource(path, header.Codec, header.PatchSize);
        }
        catch (InvalidOperationException e)
        {
            throw HoptException.BadInput($"{path}: not a readable HDF5 tile shard: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        _source.Dispose();
        _pureHdf?.Dispose();
        _codec.Dispose();
    }
}
