using HOptimus.Evaluation.Probes;

namespace HOptimus.Evaluation.Tests.Support;

/// <summary>
/// Seeded Gaussian clusters: class c has mean <c>separation * e_c</c>-ish (a random direction per class) and
/// unit noise, so a linear probe reaches a clearly-not-perfect accuracy that depends on the model.
/// </summary>
public static class SyntheticFeatures
{
    public static LabelledFeatures Make(int rows, int dims, int classes, double separation, int seed, double offset = 0)
    {
        var random = new Random(seed);
        var centres = new double[classes][];
        var centreRandom = new Random(12345);
        for (var c = 0; c < classes; c++)
            centres[c] = Enumerable.Range(0, dims).Select(_ => separation * Gaussian(centreRandom)).ToArray();
        var values = new double[rows * dims];
        var labels = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = random.Next(classes);
            for (var d = 0; d < dims; d++)
                // Features on different scales and offsets, so standardisation matters.
                values[i * dims + d] = (centres[labels[i]][d] + Gaussian(random)) * (1 + d % 5) + offset * d;
        }
        return new LabelledFeatures(new FeatureMatrix(rows, dims, values), labels);
    }

    public static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static IEnumerable<double[]> Rows(FeatureMatrix x) =>
        Enumerable.Range(0, x.Rows).Select(i => x.Row(i).ToArray());
}
