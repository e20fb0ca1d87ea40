using HOptimus.Core;

namespace HOptimus.Evaluation;

/// <summary>
/// One backbone column of the results table: an export (a folder from hopt-consolidate, or a timm-format
/// .safetensors file) or a randomly initialised preset, the baseline every pretrained model must beat.
/// </summary>
public sealed record BackboneSpec : IValidatable
{
    /// <summary>Name in the results table: letters, digits, '.', '_', '-'. Required.</summary>
    public string Name { get; init; } = "";

    /// <summary>Export folder or .safetensors file; relative to the run directory. Default none.</summary>
    public string? Path { get; init; }

    /// <summary>A ViT preset (vit-tiny, vit-small, ...) to evaluate at random initialisation. Default none.</summary>
    public string? Random { get; init; }

    /// <summary>Seed of the random initialisation. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>"name=path" from --backbone; "name=random:vit-small" asks for a random preset.</summary>
    public static BackboneSpec Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw HoptException.Usage($"--backbone {text}: expected name=path (or name=random:<preset>)");
        var (name, value) = (text[..eq], text[(eq + 1)..]);
        return value.StartsWith("random:", StringComparison.Ordinal)
            ? new BackboneSpec { Name = name, Random = value["random:".Length..] }
            : new BackboneSpec { Name = name, Path = value };
    }

    public IEnumerable<string> Validate()
    {
        var prefix = $"backbones[{(Name == "" ? "?" : Name)}]";
        if (!System.Text.RegularExpressions.Regex.IsMatch(Name, "^[A-Za-z0-9._-]+$"))
            yield return $"{prefix}.name: must match [A-Za-z0-9._-]+, got '{Name}'";
        if (Path is null == Random is null) yield return $"{prefix}: set exactly one of path (an export) and random (a preset)";
        if (Random is not null && !Model.ViTConfig.PresetNames.Contains(Random))
            yield return $"{prefix}.random: unknown preset '{Random}' (expected {string.Join(", ", Model.ViTConfig.PresetNames)})";
    }
}
