using System.Text;
using HOptimus.Core;
using HOptimus.Evaluation.Images;
using HOptimus.Tiles;

namespace HOptimus.Evaluation.Tasks;

/// <summary>
/// Loads labelled tile shards (the pack stage's HDF5 with /labels): every shard must carry labels with the
/// same label names. Patient and slide come from each shard's slide table.
/// </summary>
public static class ShardDataset
{
    public static LabelledDataset Load(DatasetOptions options, string root)
    {
        var paths = options.Shards!.SelectMany(pattern => Expand(pattern, root)).Distinct().ToArray();
        IReadOnlyList<string>? classNames = null;
        var samples = new List<LabelledSample>();
        var locations = new List<(int Shard, int Tile)>();
        var fingerprint = new StringBuilder();
        for (var s = 0; s < paths.Length; s++)
        {
            using var reader = TileShardReader.Open(paths[s]);
            var names = reader.LabelNames
                ?? throw HoptException.BadInput($"{paths[s]}: shard has no /labels, so it is not an evaluation dataset");
            if (classNames is null) classNames = names;
            else if (!classNames.SequenceEqual(names))
                throw HoptException.BadInput($"{paths[s]}: label names [{string.Join(", ", names)}] differ from [{string.Join(", ", classNames)}] of {paths[0]}");
            var file = Path.GetFileName(paths[s]);
            for (var i = 0; i < reader.Count; i++)
            {
                var label = reader.Label(i)!.Value;
                if (label < 0 || label >= names.Count)
                    throw HoptException.BadInput($"{paths[s]}: tile {i} has label {label}, outside the {names.Count} label names");
                var slide = reader.Slides[reader.SlideIndex(i)];
                samples.Add(new LabelledSample($"{file}#{i}", label, slide.Patient == "" ? null : slide.Patient, slide.SlideId));
                locations.Add((s, i));
            }
            var info = new FileInfo(paths[s]);
            fingerprint.Append($"|{file}:{info.Length}:{info.LastWriteTimeUtc.Ticks}");
        }
        var where = locations.ToArray();
        return new LabelledDataset($"{paths.Length} shard(s), {samples.Count} tiles", classNames!, samples,
            Checksums.Sha256(Encoding.UTF8.GetBytes(fingerprint.ToString())),
            () => new ShardImages(paths, where));
    }

    /// <summary>A path, or a glob in its file name ("tiles/eval-*.h5"); a pattern that matches nothing is an error.</summary>
    private static IEnumerable<string> Expand(string pattern, string root)
    {
        var full = Path.GetFullPath(pattern, root);
        var name = Path.GetFileName(full);
        if (name.IndexOfAny(['*', '?']) < 0)
            return File.Exists(full) ? [full] : throw HoptException.BadInput($"{full}: tile shard not found (dataset.shards)");
        var folder = Path.GetDirectoryName(full)!;
        var matches = Directory.Exists(folder) ? Directory.GetFiles(folder, name).Order(StringComparer.Ordinal).ToArray() : [];
        return matches.Length > 0 ? matches : throw HoptException.BadInput($"{full}: no tile shard matches (dataset.shards)");
    }

    private sealed class ShardImages : IImageSource
    {
        private readonly TileShardReader[] _readers;
        private readonly (int Shard, int Tile)[] _locations;

        public ShardImages(string[] paths, (int Shard, int Tile)[] locations)
        {
            _readers = paths.Select(p => TileShardReader.Open(p)).ToArray();
            _locations = locations;
        }

        public RgbImage Read(int sample)
        {
            var (shard, tile) = _locations[sample];
            var reader = _readers[shard];
            return new RgbImage(reader.PatchSize, reader.PatchSize, reader.ReadRgb(tile));
        }

        public void Dispose()
        {
            foreach (var reader in _readers) reader.Dispose();
        }
    }
}
