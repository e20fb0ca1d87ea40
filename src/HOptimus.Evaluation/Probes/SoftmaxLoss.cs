namespace HOptimus.Evaluation.Probes;

/// <summary>
/// Multinomial logistic loss with L2 on the weights (not the bias), sklearn's objective
/// 0.5 |W|^2 + C sum_i CE_i divided by C n, so the loss is a mean and well scaled for any C.
/// Parameters are packed as W (classes x features, row-major) then b (classes).
/// Rows are summed in fixed blocks, in parallel, then blocks in order: results do not depend on threads.
/// </summary>
public sealed class SoftmaxLoss(FeatureMatrix x, int[] labels, int classes, double inverseStrength)
{
    private const int BlockRows = 512;

    public int ParameterCount => classes * (x.Columns + 1);

    public double Evaluate(ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        var w = parameters.ToArray();
        var d = x.Columns;
        var blocks = (x.Rows + BlockRows - 1) / BlockRows;
        var partialGradients = new double[blocks][];
        var partialLosses = new double[blocks];
        Parallel.For(0, blocks, block =>
        {
            var g = new double[w.Length];
            var z = new double[classes];
            double loss = 0;
            for (var i = block * BlockRows; i < Math.Min(x.Rows, (block + 1) * BlockRows); i++)
            {
                var row = x.Row(i);
                Logits(w, row, z);
                var max = z.Max();
                double sum = 0;
                for (var c = 0; c < classes; c++) { z[c] = Math.Exp(z[c] - max); sum += z[c]; }
                loss += Math.Log(sum) + max - (Math.Log(z[labels[i]]) + max);
                for (var c = 0; c < classes; c++)
                {
                    // d CE / d logit_c = softmax_c - [c == y]
                    var delta = z[c] / sum - (c == labels[i] ? 1 : 0);
                    var gw = g.AsSpan(c * d, d);
                    for (var j = 0; j < d; j++) gw[j] += delta * row[j];
                    g[classes * d + c] += delta;
                }
            }
            partialGradients[block] = g;
            partialLosses[block] = loss;
        });
        gradient.Clear();
        double total = 0;
        for (var block = 0; block < blocks; block++)
        {
            total += partialLosses[block];
            var g = partialGradients[block];
            for (var k = 0; k < g.Length; k++) gradient[k] += g[k];
        }
        var n = (double)x.Rows;
        for (var k = 0; k < gradient.Length; k++) gradient[k] /= n;
        double penalty = 0;
        var l2 = 1 / (inverseStrength * n);
        for (var k = 0; k < classes * d; k++)
        {
            penalty += w[k] * w[k];
            gradient[k] += l2 * w[k];
        }
        return total / n + 0.5 * l2 * penalty;
    }

    /// <summary>logits_c = W_c . row + b_c for packed parameters.</summary>
    public static void Logits(ReadOnlySpan<double> parameters, ReadOnlySpan<double> row, Span<double> logits)
    {
        var d = row.Length;
        var classes = logits.Length;
        for (var c = 0; c < classes; c++)
        {
            var wc = parameters.Slice(c * d, d);
            double sum = parameters[classes * d + c];
            for (var j = 0; j < d; j++) sum += wc[j] * row[j];
            logits[c] = sum;
        }
    }
}
