namespace HOptimus.Evaluation.Probes;

/// <summary>
/// A fitted multinomial logistic regression on standardised features. <c>InverseStrength</c> is sklearn's C
/// (smaller = stronger L2).
/// </summary>
public sealed class LogisticRegression
{
    private readonly double[] _parameters;

    private LogisticRegression(double[] parameters, int classes, double inverseStrength, Lbfgs.Result fit)
    {
        _parameters = parameters;
        Classes = classes;
        InverseStrength = inverseStrength;
        Iterations = fit.Iterations;
        Converged = fit.Converged;
    }

    public int Classes { get; }
    public double InverseStrength { get; }
    public int Iterations { get; }
    public bool Converged { get; }
    /// <summary>The packed parameters, to warm-start the next fit of a strength grid.</summary>
    public double[] Parameters => _parameters;

    /// <summary>Fits on (<paramref name="x"/>, <paramref name="labels"/>); <paramref name="start"/> warm-starts L-BFGS.</summary>
    public static LogisticRegression Fit(FeatureMatrix x, int[] labels, int classes, double inverseStrength,
                                         Lbfgs solver, double[]? start = null)
    {
        var loss = new SoftmaxLoss(x, labels, classes, inverseStrength);
        var fit = solver.Minimize(loss.Evaluate, start ?? new double[loss.ParameterCount]);
        return new LogisticRegression(fit.X, classes, inverseStrength, fit);
    }

    /// <summary>Class probabilities, one row of <see cref="Classes"/> values per sample.</summary>
    public double[][] PredictProbabilities(FeatureMatrix x)
    {
        var result = new double[x.Rows][];
        for (var i = 0; i < x.Rows; i++)
        {
            var z = new double[Classes];
            SoftmaxLoss.Logits(_parameters, x.Row(i), z);
            var max = z.Max();
            double sum = 0;
            for (var c = 0; c < Classes; c++) { z[c] = Math.Exp(z[c] - max); sum += z[c]; }
            for (var c = 0; c < Classes; c++) z[c] /= sum;
            result[i] = z;
        }
        return result;
    }
}
