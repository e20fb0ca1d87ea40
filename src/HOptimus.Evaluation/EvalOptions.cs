using HOptimus.Core;
using HOptimus.Evaluation.Tasks;

namespace HOptimus.Evaluation;

/// <summary>
/// hopt-eval's config, section "Eval" of config/eval.json: the backbones to compare and the tasks to run on
/// each. Relative paths are relative to the run directory.
/// </summary>
public sealed record EvalOptions : IValidatable
{
    public const string Section = "Eval";

    /// <summary>Backbones, one results column each; --backbone name=path adds to them. Required (here or on the command line).</summary>
    public BackboneSpec[]? Backbones { get; init; }

    /// <summary>Evaluation tasks. Required.</summary>
    public EvalTaskOptions[]? Tasks { get; init; }

    /// <summary>Images per forward pass. Default 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>"auto" (cuda when available, else cpu), "cpu", "cuda" or "cuda:N". Default auto.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Threads that decode images while the model runs. Default 0 = all cores.</summary>
    public int DecodeThreads { get; init; }

    public BootstrapOptions Bootstrap { get; init; } = new();

    /// <summary>Where extracted features are cached. Default "eval/cache" in the run directory.</summary>
    public string CacheDirectory { get; init; } = "eval/cache";

    /// <summary>Where results.json, results.md and the chart go. Default "eval" in the run directory.</summary>
    public string OutputDirectory { get; init; } = "eval";

    public IReadOnlyList<BackboneSpec> EffectiveBackbones => Backbones ?? [];
    public IReadOnlyList<EvalTaskOptions> EffectiveTasks => Tasks ?? [];

    /// <summary>Config files, then HOPT_Eval__* variables, then --set (a key without a section means this one).</summary>
    public static EvalOptions Load(IEnumerable<string> configFiles, IEnumerable<string> overrides) =>
        ConfigLoader.Load<EvalOptions>(configFiles, overrides.Select(Qualify), Section);

    /// <summary>The options as a config file that reads back to them (what --print-config prints).</summary>
    public string ToConfigJson() => Json.Serialize(new Dictionary<string, EvalOptions> { [Section] = this });

    private static string Qualify(string set)
    {
        var eq = set.IndexOf('=');
        var key = eq < 0 ? set : set[..eq];
        return key.Contains(':') || key.Contains('.') ? set : $"{Section}:{set}";
    }

    /// <summary>
    /// Adds the --backbone flags to the config's backbones and validates the whole; at least one backbone must
    /// come from one or the other (hence not a check of <see cref="Validate"/>, which sees the config alone).
    /// </summary>
    public EvalOptions WithCommandLineBackbones(IEnumerable<BackboneSpec> extra)
    {
        var merged = (this with { Backbones = [.. EffectiveBackbones, .. extra] }).Validated();
        return merged.EffectiveBackbones.Count > 0 ? merged
            : throw HoptException.Usage("backbones: none given (set backbones in the config or pass --backbone name=path)");
    }

    public IEnumerable<string> Validate()
    {
        if (EffectiveTasks.Count == 0) yield return "tasks: none given";
        if (BatchSize < 1) yield return $"batchSize: must be >= 1, got {BatchSize}";
        if (DecodeThreads < 0) yield return $"decodeThreads: must be >= 0, got {DecodeThreads}";
        if (Device != "auto" && Device != "cpu" && !System.Text.RegularExpressions.Regex.IsMatch(Device, "^cuda(:[0-9]+)?$"))
            yield return $"device: expected auto, cpu, cuda or cuda:N, got '{Device}'";
        foreach (var name in EffectiveBackbones.GroupBy(b => b.Name).Where(g => g.Count() > 1).Select(g => g.Key))
            yield return $"backbones: name '{name}' is used twice";
        foreach (var name in EffectiveTasks.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key))
            yield return $"tasks: name '{name}' is used twice";
        var sections = EffectiveBackbones.Cast<IValidatable>().Concat(EffectiveTasks).Append(Bootstrap);
        foreach (var error in sections.SelectMany(s => s.Validate())) yield return error;
    }
}
