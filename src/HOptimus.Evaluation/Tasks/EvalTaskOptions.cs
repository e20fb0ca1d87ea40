using System.Text.RegularExpressions;
using HOptimus.Core;
using HOptimus.Evaluation.Metrics;
using HOptimus.Evaluation.Probes;

namespace HOptimus.Evaluation.Tasks;

/// <summary>One evaluation task: a labelled dataset, how to split it, which protocols and metrics to report.</summary>
public sealed partial record EvalTaskOptions : IValidatable
{
    /// <summary>Task name in the results table and in file names: letters, digits, '.', '_', '-'. Required.</summary>
    public string Name { get; init; } = "";

    public DatasetOptions Dataset { get; init; } = new();

    public SplitOptions Split { get; init; } = new();

    /// <summary>linear and/or knn. Default both.</summary>
    public Protocol[]? Protocols { get; init; }

    /// <summary>accuracy, balanced-accuracy, macro-f1, auroc. Default all four.</summary>
    public Metric[]? Metrics { get; init; }

    public LinearProbeOptions Linear { get; init; } = new();

    public KnnOptions Knn { get; init; } = new();

    public IReadOnlyList<Protocol> EffectiveProtocols => Protocols ?? [Protocol.Linear, Protocol.Knn];
    public IReadOnlyList<Metric> EffectiveMetrics => Metrics ?? Enum.GetValues<Metric>();

    public IEnumerable<string> Validate()
    {
        var prefix = $"tasks[{(Name == "" ? "?" : Name)}]";
        if (!NamePattern().IsMatch(Name)) yield return $"{prefix}.name: must match [A-Za-z0-9._-]+, got '{Name}'";
        if (Protocols is { Length: 0 }) yield return $"{prefix}.protocols: empty list";
        if (Metrics is { Length: 0 }) yield return $"{prefix}.metrics: empty list";
        if (Split.Kind == SplitKind.Column && Dataset.Shards is not null)
            yield return $"{prefix}.split.kind: 'column' needs an images dataset with a split column";
        var sections = new IValidatable[] { Dataset, Split, Linear, Knn };
        foreach (var error in sections.SelectMany(s => s.Validate())) yield return $"{prefix}.{error}";
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
