namespace HOptimus.Evaluation.Probes;

/// <summary>Rows of features in one row-major array (rows = samples, columns = feature dimensions).</summary>
public sealed class FeatureMatrix
{
    public FeatureMatrix(int rows, int columns, double[] values)
    {
        if (values.Length != (long)rows * columns)
            throw new ArgumentException($"{values.Length} values do not make a {rows}x{columns} matrix");
        Rows = rows;
        Columns = columns;
        Values = values;
    }

    public int Rows { get; }
    public int Columns { get; }
    public double[] Values { get; }

    public Span<double> Row(int i) => Values.AsSpan(i * Columns, Columns);

    public static FeatureMatrix FromRows(IReadOnlyList<double[]> rows, int columns)
    {
        var values = new double[rows.Count * columns];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != columns)
                throw new ArgumentException($"row {i} has {rows[i].Length} values, expected {columns}");
            rows[i].CopyTo(values, i * columns);
        }
        return new FeatureMatrix(rows.Count, columns, values);
    }

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public FeatureMatrix Select(IReadOnlyList<int> indices)
    {
        var values = new double[indices.Count * Columns];
        for (var i = 0; i < indices.Count; i++) Row(indices[i]).CopyTo(values.AsSpan(i * Columns, Columns));
        return new FeatureMatrix(indices.Count, Columns, values);
    }
}
