namespace HOptimus.Evaluation.Metrics;

/// <summary>
/// Area under the ROC curve of one class against the rest, computed as the Mann-Whitney U statistic with
/// mid-ranks for tied scores. That equals the trapezoidal area under sklearn's roc_curve (a tie between a
/// positive and a negative counts one half), so it matches roc_auc_score exactly, ties included.
/// </summary>
public static class BinaryAuroc
{
    /// <summary>AUROC of <paramref name="scores"/> for <paramref name="isPositive"/>; NaN when either side is empty.</summary>
    public static double Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> isPositive)
    {
        if (scores.Count != isPositive.Count)
            throw new ArgumentException($"scores ({scores.Count}) and labels ({isPositive.Count}) differ in length");
        var order = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(order, (a, b) => scores[a].CompareTo(scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            // Ranks start + 1 .. end + 1 are shared by the tie group: each gets their mean.
            var midRank = (start + end + 2) / 2.0;
            for (var i = start; i <= end; i++)
                if (isPositive[order[i]]) { positiveRankSum += midRank; positives++; }
            start = end + 1;
        }
        long negatives = order.Length - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
