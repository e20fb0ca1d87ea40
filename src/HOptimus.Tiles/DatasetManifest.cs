using HOptimus.Core;

namespace HOptimus.Tiles;

/// <summary>
/// tiles/manifest.json: every shard with its checksum, every packed slide, every failure, and totals
/// by organ and patient. Built from the parts of all array tasks (<see cref="Build"/>) and written
/// atomically; a training or eval job reads it to find and verify the shards.
/// </summary>
public sealed record DatasetManifest
{
    public const string FileName = "manifest.json";

    public int FormatVersion { get; init; } = 1;
    /// <summary>Tile codec of every shard ("raw" or "jpeg").</summary>
    public string Codec { get; init; } = "jpeg";
    /// <summary>Tile side, px.</summary>
    public int PatchSize { get; init; } = 224;
    /// <summary>Tile resolution, µm/px.</summary>
    public double TargetMpp { get; init; } = 0.5;
    public IReadOnlyList<ShardFileInfo> Shards { get; init; } = [];
    public IReadOnlyList<ManifestSlide> Slides { get; init; } = [];
    public IReadOnlyList<ManifestFailure> Failures { get; init; } = [];
    public IReadOnlyDictionary<string, OrganTotals> Organs { get; init; } = new Dictionary<string, OrganTotals>();
    public ManifestTotals Totals { get; init; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Sorts everything by name (stable output whatever the task order) and derives the totals.</summary>
    public static DatasetManifest Build(ShardHeader header, IEnumerable<ShardFileInfo> shards,
                                        IEnumerable<ManifestSlide> slides, IEnumerable<ManifestFailure> failures)
    {
        var shardList = shards.OrderBy(s => s.File, StringComparer.Ordinal).ToList();
        var slideList = slides.OrderBy(s => s.SlideId, StringComparer.Ordinal).ToList();
        var failureList = failures.OrderBy(f => f.SlideId, StringComparer.Ordinal).ToList();
        var organs = slideList.GroupBy(s => s.Organ).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => new OrganTotals(g.Count(), g.Sum(s => (long)s.Tiles), g.Select(s => s.Patient).Distinct().Count()));
        return new DatasetManifest
        {
            Codec = header.Codec.ToAttribute(),
            PatchSize = header.PatchSize,
            TargetMpp = header.TargetMpp,
            Shards = shardList,
            Slides = slideList,
            Failures = failureList,
            Organs = organs,
            Totals = new ManifestTotals(shardList.Sum(s => (long)s.Tiles), shardList.Sum(s => s.Bytes), shardList.Count,
                slideList.Count, failureList.Count, organs.Count, slideList.Select(s => s.Patient).Distinct().Count()),
        };
    }

    public static DatasetManifest Read(string path) => Json.Read<DatasetManifest>(path);

    public void Write(string path) => Json.WriteAtomic(path, this);

    /// <summary>Paths of the shards, resolved against the manifest's folder.</summary>
    public IEnumerable<string> ShardPaths(string tilesDirectory) => Shards.Select(s => Path.Combine(tilesDirectory, s.File));

    /// <summary>Checks every shard's size and SHA-256; returns one message per mismatch (empty when all verify).</summary>
    public IReadOnlyList<string> Verify(string tilesDirectory)
    {
        var problems = new List<string>();
        foreach (var shard in Shards)
        {
            var path = Path.Combine(tilesDirectory, shard.File);
            if (!File.Exists(path)) problems.Add($"{path}: listed in the manifest but missing");
            else if (new FileInfo(path).Length != shard.Bytes) problems.Add($"{path}: {new FileInfo(path).Length} bytes, manifest says {shard.Bytes}");
            else if (Checksums.Sha256File(path) != shard.Sha256) problems.Add($"{path}: SHA-256 differs from the manifest");
        }
        return problems;
    }
}
