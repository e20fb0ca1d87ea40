namespace HOptimus.Evaluation.Metrics;

/// <summary>
/// The four metrics of the evaluation, with sklearn's conventions: labels are class indices 0..C-1, and
/// probabilities are rows of C scores. Classes absent from the truth are left out of the averages.
/// </summary>
public static class ClassificationMetrics
{
    public static double Compute(Metric metric, IReadOnlyList<int> truth, IReadOnlyList<int> predicted,
                                 IReadOnlyList<double[]> probabilities) => metric switch
    {
        Metric.Accuracy => Accuracy(truth, predicted),
        Metric.BalancedAccuracy => BalancedAccuracy(truth, predicted),
        Metric.MacroF1 => MacroF1(truth, predicted),
        Metric.Auroc => AurocOneVsRest(truth, probabilities),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    public static double Accuracy(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        CheckLengths(truth.Count, predicted.Count);
        if (truth.Count == 0) return double.NaN;
        var correct = 0;
        for (var i = 0; i < truth.Count; i++) if (truth[i] == predicted[i]) correct++;
        return (double)correct / truth.Count;
    }

    /// <summary>Mean recall over the classes present in the truth (sklearn's balanced_accuracy_score).</summary>
    public static double BalancedAccuracy(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        CheckLengths(truth.Count, predicted.Count);
        var (support, truePositives, _) = Counts(truth, predicted);
        var recalls = support.Keys.Select(c => (double)truePositives.GetValueOrDefault(c) / support[c]).ToList();
        return recalls.Count == 0 ? double.NaN : recalls.Average();
    }

    /// <summary>
    /// Unweighted mean F1 over every class that is true or predicted at least once (sklearn's f1_score with
    /// average="macro"); a class predicted but never true has F1 0.
    /// </summary>
    public static double MacroF1(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        CheckLengths(truth.Count, predicted.Count);
        var (support, truePositives, predictedCount) = Counts(truth, predicted);
        var classes = support.Keys.Union(predictedCount.Keys).ToList();
        if (classes.Count == 0) return double.NaN;
        return classes.Average(c =>
        {
            // F1 = 2 TP / (2 TP + FP + FN) = 2 TP / (support + predicted); never 0/0 for a listed class.
            double tp = truePositives.GetValueOrDefault(c);
            return 2 * tp / (support.GetValueOrDefault(c) + predictedCount.GetValueOrDefault(c));
        });
    }

    /// <summary>
    /// One-vs-rest AUROC averaged over the classes present in the truth (sklearn's roc_auc_score with
    /// multi_class="ovr", average="macro"); with two classes it is the AUROC of class 1's score, as sklearn's
    /// binary case. NaN when fewer than two classes are present.
    /// </summary>
    public static double AurocOneVsRest(IReadOnlyList<int> truth, IReadOnlyList<double[]> probabilities)
    {
        CheckLengths(truth.Count, probabilities.Count);
        if (truth.Count == 0) return double.NaN;
        var classCount = probabilities[0].Length;
        var present = truth.Distinct().Order().ToList();
        if (present.Count < 2) return double.NaN;
        if (classCount == 2)
            return BinaryAuroc.Compute(probabilities.Select(p => p[1]).ToList(), truth.Select(t => t == 1).ToList());
        return present.Average(c =>
            BinaryAuroc.Compute(probabilities.Select(p => p[c]).ToList(), truth.Select(t => t == c).ToList()));
    }

    private static (Dictionary<int, int> Support, Dictionary<int, int> TruePositives, Dictionary<int, int> Predicted)
        Counts(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        var support = new Dictionary<int, int>();
        var truePositives = new Dictionary<int, int>();
        var predictedCount = new Dictionary<int, int>();
        for (var i = 0; i < truth.Count; i++)
        {
            support[truth[i]] = support.GetValueOrDefault(truth[i]) + 1;
            predictedCount[predicted[i]] = predictedCount.GetValueOrDefault(predicted[i]) + 1;
            if (truth[i] == predicted[i]) truePositives[truth[i]] = truePositives.GetValueOrDefault(truth[i]) + 1;
        }
        return (support, truePositives, predictedCount);
    }

    private static void CheckLengths(int truth, int other)
    {
        if (truth != other) throw new ArgumentException($"truth has {truth} samples but predictions have {other}");
    }
}
