using HOptimus.Core;
using HOptimus.Evaluation.Metrics;

namespace HOptimus.Evaluation.Probes;

/// <summary>Linear probe settings (a task's "linear" section).</summary>
public sealed record LinearProbeOptions : IValidatable
{
    /// <summary>Grid of sklearn's C (inverse L2 strength), unitless. Default: 10^-4 .. 10^4, one per decade.</summary>
    public double[]? InverseStrengths { get; init; }

    /// <summary>L-BFGS iterations per fit. Default 1000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Stop when every gradient entry of the mean loss is below this. Default 1e-6.</summary>
    public double GradientTolerance { get; init; } = 1e-6;

    /// <summary>Metric on the validation split that picks the strength. Default balanced-accuracy.</summary>
    public Metric SelectBy { get; init; } = Metric.BalancedAccuracy;

    public static readonly double[] DefaultInverseStrengths =
        Enumerable.Range(-4, 9).Select(k => Math.Pow(10, k)).ToArray();

    public IReadOnlyList<double> EffectiveInverseStrengths => InverseStrengths ?? DefaultInverseStrengths;

    public IEnumerable<string> Validate()
    {
        if (InverseStrengths is { Length: 0 }) yield return "linear.inverseStrengths: must list at least one value";
        foreach (var c in InverseStrengths ?? [])
            if (!(c > 0) || double.IsInfinity(c)) yield return $"linear.inverseStrengths: each must be a finite value > 0, got {c}";
        if (MaxIterations < 1) yield return $"linear.maxIterations: must be >= 1, got {MaxIterations}";
        if (!(GradientTolerance > 0)) yield return $"linear.gradientTolerance: must be > 0, got {GradientTolerance}";
    }
}
