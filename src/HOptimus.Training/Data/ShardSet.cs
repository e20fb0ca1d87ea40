using HOptimus.Core;
using HOptimus.Tiles;

namespace HOptimus.Training.Data;

/// <summary>
/// The shards of a run seen as one indexed collection: tile g of the run is tile g - Offset[s] of
/// shard s, shards in file-name order. Every shard is opened once at start, so a missing or corrupt
/// shard fails the run before training, naming the file.
/// </summary>
public sealed class ShardSet
{
    private readonly long[] _offsets;

    public IReadOnlyList<string> Paths { get; }
    public IReadOnlyList<int> Counts { get; }
    public long TileCount { get; }
    public int PatchSize { get; }

    private ShardSet(IReadOnlyList<string> paths, IReadOnlyList<int> counts, int patchSize)
    {
        Paths = paths;
        Counts = counts;
        PatchSize = patchSize;
        _offsets = new long[counts.Count + 1];
        for (var i = 0; i < counts.Count; i++) _offsets[i + 1] = _offsets[i] + counts[i];
        TileCount = _offsets[^1];
    }

    /// <summary>
    /// Opens the shards of <paramref name="directory"/>: those its manifest.json lists (each must exist with
    /// the listed size; SHA-256 is hopt-pack's check, too slow here for terabytes), else every shard-*.h5.
    /// </summary>
    public static ShardSet Open(string directory)
    {
        if (!Directory.Exists(directory)) throw HoptException.BadInput($"{directory}: tile shard folder not found");
        var manifestPath = Path.Combine(directory, DatasetManifest.FileName);
        if (File.Exists(manifestPath))
        {
            var manifest = DatasetManifest.Read(manifestPath);
            foreach (var shard in manifest.Shards)
            {
                var path = Path.Combine(directory, shard.File);
                if (!File.Exists(path)) throw HoptException.BadInput($"{path}: listed in {manifestPath} but missing");
                var bytes = new FileInfo(path).Length;
                if (bytes != shard.Bytes)
                    throw HoptException.BadInput($"{path}: {bytes} bytes, {manifestPath} says {shard.Bytes} (truncated or rewritten?)");
            }
            return Open(manifest.ShardPaths(directory).ToList());
        }
        var paths = Directory.GetFiles(directory, "shard-*.h5").Order(StringComparer.Ordinal).ToList();
        if (paths.Count == 0) throw HoptException.BadInput($"{directory}: no shard-*.h5 tile shards");
        return Open(paths);
    }

    /// <summary>Opens each shard once and reads its last tile, so a truncated file fails now, naming it.</summary>
    public static ShardSet Open(IReadOnlyList<string> paths)
    {
        var counts = new List<int>();
        int? patchSize = null;
        foreach (var path in paths)
        {
            using var reader = OpenReader(path);
            if (reader.Count == 0) throw HoptException.BadInput($"{path}: shard holds no tiles");
            if (patchSize is not null && reader.PatchSize != patchSize)
                throw HoptException.BadInput($"{path}: patch size {reader.PatchSize} px, but earlier shards have {patchSize} px");
            try
            {
                reader.ReadEncoded(reader.Count - 1);
            }
            catch (Exception e) when (e is not HoptException)
            {
                throw HoptException.BadInput($"{path}: cannot read its last tile (truncated or corrupt?): {e.Message}", e);
            }
            patchSize = reader.PatchSize;
            counts.Add(reader.Count);
        }
        return new ShardSet(paths, counts, patchSize ?? 0);
    }

    /// <summary>Opens a reader, turning any failure the reader did not name into one that names the file.</summary>
    public static TileShardReader OpenReader(string path)
    {
        try
        {
            return TileShardReader.Open(path);
        }
        catch (HoptException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw HoptException.BadInput($"{path}: cannot open tile shard: {e.Message}", e);
        }
    }

    /// <summary>(shard index, tile index within the shard) of a run-wide tile index.</summary>
    public (int Shard, int Tile) Locate(long tile)
    {
        if ((ulong)tile >= (ulong)TileCount) throw new ArgumentOutOfRangeException(nameof(tile));
        var shard = Array.BinarySearch(_offsets, tile);
        shard = shard >= 0 ? shard : ~shard - 1;
        while (_offsets[shard + 1] <= tile) shard++; // skip empty shards sharing an offset
        return (shard, (int)(tile - _offsets[shard]));
    }
}
