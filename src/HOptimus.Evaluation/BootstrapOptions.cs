using HOptimus.Core;

namespace HOptimus.Evaluation;

/// <summary>The "bootstrap" section: how confidence intervals are drawn.</summary>
public sealed record BootstrapOptions : IValidatable
{
    /// <summary>Resamples of the test predictions. Default 1000.</summary>
    public int Resamples { get; init; } = 1000;

    /// <summary>Seed of the resampling. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Coverage of the percentile interval, 0..1. Default 0.95.</summary>
    public double Level { get; init; } = 0.95;

    public IEnumerable<string> Validate()
    {
        if (Resamples < 10) yield return $"bootstrap.resamples: must be >= 10, got {Resamples}";
        if (!(Level > 0 && Level < 1)) yield return $"bootstrap.level: must be in (0, 1), got {Level}";
    }
}
