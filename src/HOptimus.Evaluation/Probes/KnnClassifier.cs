namespace HOptimus.Evaluation.Probes;

/// <summary>
/// Weighted kNN on cosine similarity, as DINO's eval_knn: L2-normalise every row, take the k training rows
/// most similar to each test row, each votes for its class with weight exp(similarity / T); scores are the
/// votes normalised to sum to 1. The validation split is not used (no hyper-parameter is tuned).
/// </summary>
public sealed class KnnClassifier(KnnOptions options)
{
    public ProbeOutput Run(LabelledFeatures train, FeatureMatrix test, int classes)
    {
        Features.FeatureChecks.RequireSameWidth(train.Features, test, "test");
        var xTrain = Normalised(train.Features);
        var xTest = Normalised(test);
        var k = Math.Min(options.K, xTrain.Rows);
        var probabilities = new double[test.Rows][];
        Parallel.For(0, test.Rows, i =>
        {
            var query = xTest.Row(i);
            var similarity = new double[xTrain.Rows];
            for (var j = 0; j < xTrain.Rows; j++)
            {
                var row = xTrain.Row(j);
                double dot = 0;
                for (var d = 0; d < row.Length; d++) dot += row[d] * query[d];
                similarity[j] = dot;
            }
            var order = Enumerable.Range(0, xTrain.Rows).ToArray();
            // Most similar first; equal similarities keep training order, so results do not depend on the sort.
            Array.Sort(order, (a, b) => similarity[b] != similarity[a] ? similarity[b].CompareTo(similarity[a]) : a.CompareTo(b));
            var votes = new double[classes];
            for (var n = 0; n < k; n++)
                votes[train.Labels[order[n]]] += Math.Exp(similarity[order[n]] / options.Temperature);
            var total = votes.Sum();
            for (var c = 0; c < classes; c++) votes[c] /= total;
            probabilities[i] = votes;
        });
        return new ProbeOutput(probabilities.Select(ProbeOutput.ArgMax).ToArray(), probabilities,
            new Dictionary<string, double> { ["k"] = k, ["temperature"] = options.Temperature });
    }

    private static FeatureMatrix Normalised(FeatureMatrix x)
    {
        var values = (double[])x.Values.Clone();
        var result = new FeatureMatrix(x.Rows, x.Columns, values);
        for (var i = 0; i < x.Rows; i++)
        {
            var row = result.Row(i);
            double norm = 0;
            foreach (var v in row) norm += v * v;
            // torch.nn.functional.normalize's eps: an all-zero row stays zero instead of becoming NaN.
            norm = Math.Max(Math.Sqrt(norm), 1e-12);
            for (var d = 0; d < row.Length; d++) row[d] /= norm;
        }
        return result;
    }
}
