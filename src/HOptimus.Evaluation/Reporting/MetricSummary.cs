using HOptimus.Evaluation.Metrics;

namespace HOptimus.Evaluation.Reporting;

/// <summary>An <see cref="Estimate"/> as results.json stores it: undefined values (NaN) become null.</summary>
public sealed record MetricSummary(double? Value, double? Lower, double? Upper, int Resamples)
{
    public static MetricSummary From(Estimate e) => new(Finite(e.Value), Finite(e.Lower), Finite(e.Upper), e.Resamples);

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
