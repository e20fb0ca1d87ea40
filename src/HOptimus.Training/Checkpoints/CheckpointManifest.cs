using HOptimus.Model;

namespace HOptimus.Training.Checkpoints;

/// <summary>One file of a checkpoint with the size and SHA-256 it must still have to count.</summary>
public sealed record CheckpointFile(string Name, long Bytes, string Sha256);

/// <summary>
/// manifest.json of a checkpoint (contracts.md), written last: its presence, with every listed file
/// matching, is what makes the checkpoint valid.
/// </summary>
public sealed record CheckpointManifest
{
    public const int CurrentFormat = 1;
    public const string FileName = "manifest.json";

    public int FormatVersion { get; init; } = CurrentFormat;
    /// <summary>Optimizer steps completed when the checkpoint was taken.</summary>
    public long Step { get; init; }
    /// <summary>Ranks of the run that wrote it; tensors are stored by logical name, so any world size can resume.</summary>
    public int WorldSize { get; init; } = 1;
    public ViTConfig Model { get; init; } = new();
    public IReadOnlyList<CheckpointFile> Files { get; init; } = [];
}
