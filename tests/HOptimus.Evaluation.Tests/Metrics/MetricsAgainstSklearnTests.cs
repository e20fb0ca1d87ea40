using HOptimus.Evaluation.Metrics;
using HOptimus.Evaluation.Tests.Support;

namespace HOptimus.Evaluation.Tests.Metrics;

/// <summary>The four metrics on fixed seeded inputs, against sklearn.metrics run by /usr/bin/python3.</summary>
public class MetricsAgainstSklearnTests
{
    private static (int[] Truth, int[] Predicted, double[][] Probabilities) Inputs(int n, int classes, int seed)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, n).Select(i => i % classes).OrderBy(_ => random.Next()).ToArray();
        // Every sample takes one of a few score vectors (each sums to 1, as sklearn's multiclass AUROC requires),
        // biased toward its class: many samples tie, which is where AUROC implementations differ.
        var templates = Enumerable.Range(0, 3 * classes).Select(_ =>
        {
            var raw = Enumerable.Range(0, classes).Select(_ => Math.Round(random.NextDouble() * 8) + 1).ToArray();
            return raw.Select(v => v / raw.Sum()).ToArray();
        }).ToArray();
        var probabilities = truth.Select(t =>
        {
            var candidates = templates.OrderByDescending(v => v[t]).Take(random.NextDouble() < 0.7 ? 3 : templates.Length).ToArray();
            return candidates[random.Next(candidates.Length)];
        }).ToArray();
        // Predictions: mostly the argmax, with some sent to the last class, so F1 sees false positives.
        var predicted = probabilities.Select((p, i) => i % 7 == 0 ? classes - 1 : Array.IndexOf(p, p.Max())).ToArray();
        return (truth, predicted, probabilities);
    }

    [TestCase(5, 240, 1)]
    [TestCase(2, 150, 2)]
    [TestCase(9, 400, 3)]
    public void Metrics_match_sklearn_on_tied_scores(int classes, int n, int seed)
    {
        var (truth, predicted, probabilities) = Inputs(n, classes, seed);
        using var reference = new PythonReference();
        reference.WriteVector("truth.csv", truth);
        reference.WriteVector("pred.csv", predicted);
        reference.WriteMatrix("proba.csv", probabilities);
        var expected = reference.Run("""
            from sklearn import metrics
            y = np.loadtxt('truth.csv', delimiter=',').astype(int)
            p = np.loadtxt('pred.csv', delimiter=',').astype(int)
            s = np.loadtxt('proba.csv', delimiter=',')
            auc = metrics.roc_auc_score(y, s[:, 1]) if s.shape[1] == 2 else metrics.roc_auc_score(y, s, multi_class='ovr', average='macro')
            print(json.dumps({'accuracy': metrics.accuracy_score(y, p),
                              'balanced': metrics.balanced_accuracy_score(y, p),
                              'f1': metrics.f1_score(y, p, average='macro'),
                              'auroc': auc}))
            """);
        Assert.Multiple(() =>
        {
            Assert.That(ClassificationMetrics.Accuracy(truth, predicted), Is.EqualTo(expected.GetProperty("accuracy").GetDouble()).Within(1e-12));
            Assert.That(ClassificationMetrics.BalancedAccuracy(truth, predicted), Is.EqualTo(expected.GetProperty("balanced").GetDouble()).Within(1e-12));
            Assert.That(ClassificationMetrics.MacroF1(truth, predicted), Is.EqualTo(expected.GetProperty("f1").GetDouble()).Within(1e-12));
            Assert.That(ClassificationMetrics.AurocOneVsRest(truth, probabilities), Is.EqualTo(expected.GetProperty("auroc").GetDouble()).Within(1e-6));
        });
    }

    [Test]
    public void Percentile_matches_numpy_linear_interpolation()
    {
        var random = new Random(4);
        var values = Enumerable.Range(0, 37).Select(_ => random.NextDouble()).Order().ToArray();
        using var reference = new PythonReference();
        reference.WriteMatrix("v.csv", values.Select(v => new[] { v }));
        var expected = reference.Run("""
            v = np.loadtxt('v.csv', delimiter=',')
            print(json.dumps([np.percentile(v, q) for q in (2.5, 50, 97.5, 0, 100)]))
            """);
        var percents = new[] { 2.5, 50, 97.5, 0, 100 };
        for (var i = 0; i < percents.Length; i++)
            Assert.That(Bootstrap.Percentile(values, percents[i]), Is.EqualTo(expected[i].GetDouble()).Within(1e-12), $"percentile {percents[i]}");
    }
}
