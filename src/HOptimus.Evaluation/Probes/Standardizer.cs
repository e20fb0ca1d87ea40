namespace HOptimus.Evaluation.Probes;

/// <summary>
/// Zero mean, unit variance per feature, fitted on the training rows only (sklearn's StandardScaler: population
/// standard deviation; a constant feature keeps scale 1 instead of dividing by zero).
/// </summary>
public sealed class Standardizer
{
    private readonly double[] _mean;
    private readonly double[] _scale;

    private Standardizer(double[] mean, double[] scale)
    {
        _mean = mean;
        _scale = scale;
    }

    public static Standardizer Fit(FeatureMatrix x)
    {
        var mean = new double[x.Columns];
        var scale = new double[x.Columns];
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            for (var j = 0; j < row.Length; j++) mean[j] += row[j];
        }
        for (var j = 0; j < mean.Length; j++) mean[j] /= x.Rows;
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            for (var j = 0; j < row.Length; j++) scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
        }
        for (var j = 0; j < scale.Length; j++)
        {
            var sd = Math.Sqrt(scale[j] / x.Rows);
            scale[j] = sd > 1e-12 * Math.Max(1, Math.Abs(mean[j])) ? sd : 1;
        }
        return new Standardizer(mean, scale);
    }

    public FeatureMatrix Transform(FeatureMatrix x)
    {
        var values = new double[x.Values.Length];
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            var offset = i * x.Columns;
            for (var j = 0; j < row.Length; j++) values[offset + j] = (row[j] - _mean[j]) / _scale[j];
        }
        return new FeatureMatrix(x.Rows, x.Columns, values);
    }
}
