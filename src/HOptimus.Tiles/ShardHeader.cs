namespace HOptimus.Tiles;

/// <summary>What every tile of a shard shares; written as root attributes.</summary>
/// <param name="Codec">Tile storage (attribute "codec").</param>
/// <param name="PatchSize">Tile side in pixels (attribute "patch_size"); default 224.</param>
/// <param name="TargetMpp">Resolution of the tiles, µm/px (attribute "target_mpp"); default 0.5.</param>
/// <param name="JpegQuality">JPEG quality 1..100 (attribute "jpeg_quality"); default 90, stored for raw too.</param>
/// <param name="LabelNames">Class names when the shard carries /labels (eval datasets); null otherwise.</param>
public sealed record ShardHeader(TileCodecKind Codec, int PatchSize = 224, double TargetMpp = 0.5, int JpegQuality = 90,
                                 IReadOnlyList<string>? LabelNames = null)
{
    /// <summary>Bumped when the layout changes incompatibly; readers refuse newer versions.</summary>
    public const int FormatVersion = 1;
}
