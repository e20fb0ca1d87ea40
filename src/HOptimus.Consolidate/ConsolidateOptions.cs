using HOptimus.Core;
using HOptimus.Model;

namespace HOptimus.Consolidate;

/// <summary>hopt-consolidate's settings, section "Consolidate" of its config files (--set Consolidate:DType=bf16).</summary>
public sealed record ConsolidateOptions : IValidatable
{
    public const string Section = "Consolidate";

    /// <summary>Checkpoint step to export; null = the newest valid one (default null).</summary>
    public long? Step { get; init; }

    /// <summary>Export folder name under &lt;run&gt;/exports/; null = "teacher-step-NNNNNN" or the imported file's name.</summary>
    public string? Name { get; init; }

    /// <summary>Storage dtype of the exported weights (default fp32).</summary>
    public WeightDType DType { get; init; } = WeightDType.Fp32;

    /// <summary>Reload the export and require features identical to the source weights' (default true).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>Images in the fixed verification batch (default 2).</summary>
    public int VerifyBatch { get; init; } = 2;

    /// <summary>Seed of the verification batch (default 0).</summary>
    public int VerifySeed { get; init; }

    /// <summary>Overwrite an existing export of the same name (default false: refuse).</summary>
    public bool Overwrite { get; init; }

    public IEnumerable<string> Validate()
    {
        if (Step is < 0) yield return $"{Section}:Step: must be >= 0, got {Step}";
        if (Name is not null && (Name.Length == 0 || Name.IndexOfAny(['/', '\\']) >= 0 || Name.StartsWith('.')))
            yield return $"{Section}:Name: '{Name}' must be a plain folder name";
        foreach (var e in OptionsValidation.InRange($"{Section}:VerifyBatch", VerifyBatch, 1, 64)) yield return e;
    }

    /// <summary>Config files, then HOPT_Consolidate__* variables, then --set (a key without a section means this one).</summary>
    public static ConsolidateOptions Load(IEnumerable<string> configFiles, IEnumerable<string> overrides) =>
        ConfigLoader.Load<ConsolidateOptions>(configFiles, overrides.Select(Qualify), Section);

    private static string Qualify(string set)
    {
        var eq = set.IndexOf('=');
        var key = eq < 0 ? set : set[..eq];
        return key.Contains(':') || key.Contains('.') ? set : $"{Section}:{set}";
    }
}
