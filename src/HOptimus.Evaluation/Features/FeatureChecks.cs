using HOptimus.Core;
using HOptimus.Evaluation.Probes;
using HOptimus.Evaluation.Tasks;

namespace HOptimus.Evaluation.Features;

/// <summary>Features that would poison a probe silently are refused, naming the samples.</summary>
public static class FeatureChecks
{
    /// <summary>Every value finite: a NaN or infinity names the first sample that has one and how many do.</summary>
    public static void RequireFinite(FeatureMatrix features, LabelledDataset dataset, string backbone)
    {
        var bad = new List<int>();
        for (var i = 0; i < features.Rows; i++)
        {
            foreach (var v in features.Row(i))
                if (!double.IsFinite(v)) { bad.Add(i); break; }
        }
        if (bad.Count > 0)
            throw HoptException.BadInput($"backbone {backbone}: {bad.Count} of {features.Rows} samples have NaN or infinite features " +
                                         $"(first: {dataset.Samples[bad[0]].Key}); a diverged or corrupt checkpoint?");
    }

    /// <summary>
    /// The largest standard deviation of any feature across samples. Near zero means every image gets the same
    /// feature (a random ViT with LayerScale 1e-5 does), so every probe will sit at chance: worth a warning.
    /// </summary>
    public static double MaxSpread(FeatureMatrix features)
    {
        double max = 0;
        for (var j = 0; j < features.Columns; j++)
        {
            double sum = 0, squares = 0;
            for (var i = 0; i < features.Rows; i++) { var v = features.Row(i)[j]; sum += v; squares += v * v; }
            var mean = sum / features.Rows;
            max = Math.Max(max, Math.Sqrt(Math.Max(0, squares / features.Rows - mean * mean)));
        }
        return max;
    }

    /// <summary>Training and evaluation rows have the same width.</summary>
    public static void RequireSameWidth(FeatureMatrix train, FeatureMatrix other, string what)
    {
        if (train.Columns != other.Columns)
            throw HoptException.BadInput($"feature dimensions do not match: training features have {train.Columns}, {what} features have {other.Columns}");
    }
}
