namespace HOptimus.Evaluation.Probes;

/// <summary>Feature rows with one class index (0..classes-1) per row.</summary>
public sealed record LabelledFeatures
{
    public LabelledFeatures(FeatureMatrix features, int[] labels)
    {
        if (features.Rows != labels.Length)
            throw new ArgumentException($"{features.Rows} feature rows but {labels.Length} labels");
        Features = features;
        Labels = labels;
    }

    public FeatureMatrix Features { get; }
    public int[] Labels { get; }
    public int Count => Labels.Length;
}
