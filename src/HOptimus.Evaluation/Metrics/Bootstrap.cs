namespace HOptimus.Evaluation.Metrics;

/// <summary>
/// Seeded percentile bootstrap over test samples: draw N indices with replacement, recompute the metric,
/// take the (1-level)/2 and (1+level)/2 percentiles (numpy's linear interpolation). A resample that lost a
/// class present in the full test set is skipped, so per-class averages (balanced accuracy, macro AUROC)
/// always average the same classes; how many resamples were kept is reported.
/// </summary>
public sealed record Bootstrap(int Resamples = 1000, int Seed = 0, double Level = 0.95)
{
    public IReadOnlyDictionary<Metric, Estimate> Estimate(IReadOnlyList<Metric> metrics, IReadOnlyList<int> truth,
        IReadOnlyList<int> predicted, IReadOnlyList<double[]> probabilities)
    {
        var n = truth.Count;
        var classCount = truth.Distinct().Count();
        var draws = metrics.ToDictionary(m => m, _ => new List<double>(Resamples));
        // One index draw serves every metric, so their intervals come from the same resamples.
        var random = new Random(Seed);
        var t = new int[n];
        var p = new int[n];
        var q = new double[n][];
        for (var r = 0; r < Resamples; r++)
        {
            for (var i = 0; i < n; i++)
            {
                var j = random.Next(n);
                t[i] = truth[j];
                p[i] = predicted[j];
                q[i] = probabilities[j];
            }
            if (t.Distinct().Count() != classCount) continue;
            foreach (var metric in metrics)
                draws[metric].Add(ClassificationMetrics.Compute(metric, t, p, q));
        }
        return metrics.ToDictionary(m => m, m =>
        {
            var values = draws[m].Where(v => !double.IsNaN(v)).Order().ToArray();
            var point = ClassificationMetrics.Compute(m, truth, predicted, probabilities);
            return values.Length == 0
                ? new Estimate(point, double.NaN, double.NaN, 0)
                : new Estimate(point, Percentile(values, 50 * (1 - Level)), Percentile(values, 50 * (1 + Level)), values.Length);
        });
    }

    /// <summary>numpy.percentile with the default "linear" method, on an ascending array.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0) return double.NaN;
        var position = percent / 100 * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
