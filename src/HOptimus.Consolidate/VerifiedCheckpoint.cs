using HOptimus.Model;

namespace HOptimus.Consolidate;

/// <summary>A checkpoint whose manifest exists and whose every listed file matches its size and sha256.</summary>
public sealed record VerifiedCheckpoint(string Directory, CheckpointManifest Manifest, ViTConfig Model)
{
    public string ModelPath => Path.Combine(Directory, CheckpointManifest.ModelFile);
}
