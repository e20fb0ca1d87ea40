namespace HOptimus.Model;

/// <summary>
/// exports/&lt;name&gt;/manifest.json, written last: an export counts only when it exists and its files match.
/// </summary>
public sealed record ExportManifest
{
    public int FormatVersion { get; init; } = 1;
    public required string Name { get; init; }
    /// <summary>timm architecture, e.g. vit_giant_patch14_reg4_dinov2.</summary>
    public required string Architecture { get; init; }
    public required WeightDType DType { get; init; }
    public required ViTConfig Model { get; init; }
    /// <summary>sha256 of model.safetensors: the backbone's identity for eval caches.</summary>
    public required string WeightsSha256 { get; init; }
    public required IReadOnlyList<ExportFile> Files { get; init; }
    /// <summary>Where the weights came from: kind (checkpoint | timm-import), path, step, …</summary>
    public required IReadOnlyDictionary<string, string> Source { get; init; }
    /// <summary>What the verification compared and found; null when it was switched off.</summary>
    public IReadOnlyDictionary<string, string>? Verification { get; init; }
}
