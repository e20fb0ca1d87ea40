namespace HOptimus.Evaluation.Tasks;

/// <summary>
/// A loaded, checked dataset: samples with class indices into <see cref="ClassNames"/>, a fingerprint that
/// changes when the inputs change (part of the feature cache key), and a way to read the pixels.
/// </summary>
public sealed record LabelledDataset(
    string Description,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<LabelledSample> Samples,
    string Fingerprint,
    Func<IImageSource> OpenImages)
{
    public int ClassCount => ClassNames.Count;
}
