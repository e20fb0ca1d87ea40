namespace HOptimus.Evaluation.Tasks;

/// <summary>
/// One labelled image of a dataset. <see cref="Key"/> names it in messages ("labels.csv line 4: ADI-1.tif",
/// "shard-00000-000.h5#17"); patient, slide and split are null when the dataset does not give them.
/// </summary>
public sealed record LabelledSample(string Key, int Label, string? Patient, string? Slide, string? Split = null);
