using HOptimus.Model;

namespace HOptimus.Consolidate;

/// <summary>A checkpoint's manifest.json as contracts.md defines it (written by hopt-train, read here).</summary>
public sealed record CheckpointManifest
{
    public const string FileName = "manifest.json";
    public const string ModelFile = "model.safetensors";
    public const string TeacherPrefix = "teacher.backbone.";

    public int FormatVersion { get; init; }
    public long Step { get; init; }
    public int WorldSize { get; init; }
    public ViTConfig? Model { get; init; }
    public IReadOnlyList<ExportFile> Files { get; init; } = [];
}
