using HOptimus.Evaluation.Metrics;
using HOptimus.Evaluation.Probes;
using HOptimus.Evaluation.Tests.Support;

namespace HOptimus.Evaluation.Tests.Probes;

/// <summary>The linear probe and kNN against sklearn on the same seeded features and split.</summary>
public class ProbesAgainstSklearnTests
{
    private static readonly LabelledFeatures Train = SyntheticFeatures.Make(500, 24, 4, 0.35, seed: 1, offset: 3);
    private static readonly LabelledFeatures Val = SyntheticFeatures.Make(200, 24, 4, 0.35, seed: 2, offset: 3);
    private static readonly LabelledFeatures Test = SyntheticFeatures.Make(400, 24, 4, 0.35, seed: 3, offset: 3);

    private static PythonReference WriteSplits()
    {
        var reference = new PythonReference();
        foreach (var (name, split) in new[] { ("train", Train), ("val", Val), ("test", Test) })
        {
            reference.WriteMatrix($"{name}_x.csv", SyntheticFeatures.Rows(split.Features));
            reference.WriteVector($"{name}_y.csv", split.Labels);
        }
        return reference;
    }

    private const string LoadSplits = """
        def load(name):
            return np.loadtxt(name + '_x.csv', delimiter=','), np.loadtxt(name + '_y.csv', delimiter=',').astype(int)
        xtr, ytr = load('train'); xva, yva = load('val'); xte, yte = load('test')
        """;

    [Test]
    public void Linear_probe_balanced_accuracy_is_within_one_point_of_sklearn()
    {
        using var reference = WriteSplits();
        var grid = new[] { 1e-3, 1e-2, 1e-1, 1, 10 };
        var expected = reference.Run(LoadSplits + $$"""

            from sklearn.linear_model import LogisticRegression
            from sklearn.preprocessing import StandardScaler
            from sklearn.metrics import balanced_accuracy_score
            scaler = StandardScaler().fit(xtr)
            best, best_c, best_model = -1, None, None
            for c in [{{string.Join(", ", grid.Select(c => c.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}}]:
                model = LogisticRegression(C=c, max_iter=5000, tol=1e-8).fit(scaler.transform(xtr), ytr)
                score = balanced_accuracy_score(yva, model.predict(scaler.transform(xva)))
                if score > best: best, best_c, best_model = score, c, model
            fixed = LogisticRegression(C=0.1, max_iter=5000, tol=1e-10).fit(scaler.transform(xtr), ytr)
            print(json.dumps({'balanced': balanced_accuracy_score(yte, best_model.predict(scaler.transform(xte))),
                              'c': best_c,
                              'fixed_proba': fixed.predict_proba(scaler.transform(xte)).tolist()}))
            """);
        var output = new LinearProbe(new LinearProbeOptions { InverseStrengths = grid }).Run(Train, Val, Test.Features, 4);
        var balanced = ClassificationMetrics.BalancedAccuracy(Test.Labels, output.Predicted);
        TestContext.Out.WriteLine($"ours {balanced:F4} (C={output.Choices["inverseStrength"]}), sklearn {expected.GetProperty("balanced").GetDouble():F4} (C={expected.GetProperty("c").GetDouble()})");
        Assert.That(balanced, Is.EqualTo(expected.GetProperty("balanced").GetDouble()).Within(0.01));
        // Chance is 0.25: the comparison means something only if the probe learned.
        Assert.That(balanced, Is.GreaterThan(0.5).And.LessThan(0.99));

        // The same C on the same standardised features must give the same optimum, hence the same probabilities.
        var scaler = Standardizer.Fit(Train.Features);
        var model = LogisticRegression.Fit(scaler.Transform(Train.Features), Train.Labels, 4, 0.1, new Lbfgs(5000, 1e-9));
        var ours = model.PredictProbabilities(scaler.Transform(Test.Features));
        var theirs = expected.GetProperty("fixed_proba").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var maxDiff = ours.Zip(theirs).Max(pair => pair.First.Zip(pair.Second).Max(v => Math.Abs(v.First - v.Second)));
        Assert.That(maxDiff, Is.LessThan(1e-4), "probabilities at C=0.1 differ from sklearn's");
    }

    [Test]
    public void Knn_votes_match_a_numpy_version_of_dino_eval_knn_on_sklearn_neighbours()
    {
        using var reference = WriteSplits();
        var expected = reference.Run(LoadSplits + """

            from sklearn.neighbors import NearestNeighbors
            nn = NearestNeighbors(n_neighbors=20, metric='cosine').fit(xtr)
            dist, idx = nn.kneighbors(xte)
            weights = np.exp((1 - dist) / 0.07)
            votes = np.zeros((len(xte), 4))
            for i in range(len(xte)):
                np.add.at(votes[i], ytr[idx[i]], weights[i])
            print(json.dumps((votes / votes.sum(axis=1, keepdims=True)).tolist()))
            """);
        var output = new KnnClassifier(new KnnOptions()).Run(Train, Test.Features, 4);
        var theirs = expected.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        for (var i = 0; i < theirs.Length; i++)
            Assert.That(output.Probabilities[i], Is.EqualTo(theirs[i]).Within(1e-9), $"test row {i}");
        Assert.That(ClassificationMetrics.Accuracy(Test.Labels, output.Predicted), Is.GreaterThan(0.4), "kNN should beat chance (0.25)");
    }
}
