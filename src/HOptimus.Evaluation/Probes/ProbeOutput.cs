namespace HOptimus.Evaluation.Probes;

/// <summary>
/// What a protocol predicts for the test rows: a class per row, class scores per row (sum to 1), and the
/// choices it made (for the linear probe: the strength picked on validation) for the results file.
/// </summary>
public sealed record ProbeOutput(int[] Predicted, double[][] Probabilities, IReadOnlyDictionary<string, double> Choices)
{
    /// <summary>Index of the largest score; the lowest index wins a tie.</summary>
    public static int ArgMax(double[] scores)
    {
        var best = 0;
        for (var c = 1; c < scores.Length; c++) if (scores[c] > scores[best]) best = c;
        return best;
    }
}
