using HOptimus.Core;
using HOptimus.Tiles;

namespace HOptimus.Pack;

/// <summary>
/// One array task's results: tiles/parts/task-TTTTT.json, rewritten atomically after every shard. It is
/// the task's resume state (done slides and the shard holding each) and its input to the manifest.
/// </summary>
public sealed record TaskPart
{
    public int Task { get; init; }
    public int Tasks { get; init; }
    public string Codec { get; init; } = "";
    public int PatchSize { get; init; }
    public double TargetMpp { get; init; }
    public int JpegQuality { get; init; }
    public List<ShardFileInfo> Shards { get; init; } = [];
    public List<ManifestSlide> Slides { get; init; } = [];
    public List<ManifestFailure> Failures { get; init; } = [];

    public static string PartsDirectory(string tilesDirectory) => Path.Combine(tilesDirectory, "parts");

    public static string PathFor(string tilesDirectory, int task) => Path.Combine(PartsDirectory(tilesDirectory), $"task-{task:D5}.json");

    public static TaskPart? Load(string tilesDirectory, int task)
    {
        var path = PathFor(tilesDirectory, task);
        return File.Exists(path) ? Json.Read<TaskPart>(path) : null;
    }

    public void Save(string tilesDirectory) => Json.WriteAtomic(PathFor(tilesDirectory, Task), this);

    /// <summary>Refuses to mix shards of different formats or task splits in one tiles folder.</summary>
    public void CheckCompatible(string tilesDirectory, ShardHeader header, int tasks)
    {
        var path = PathFor(tilesDirectory, Task);
        if (Codec != header.Codec.ToAttribute() || PatchSize != header.PatchSize || TargetMpp != header.TargetMpp
            || (header.Codec == TileCodecKind.Jpeg && JpegQuality != header.JpegQuality))
            throw HoptException.Usage(
                $"{path}: this task already packed {Codec} {PatchSize} px tiles at {TargetMpp} µm/px (quality {JpegQuality}); " +
                "the config now asks for another format: use a new run directory");
        if (Tasks != tasks)
            throw HoptException.Usage($"{path}: packed as task {Task} of {Tasks}, now asked as one of {tasks}: rerun with --tasks {Tasks} or use a new run directory");
    }
}
