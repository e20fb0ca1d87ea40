namespace HOptimus.Evaluation.Reporting;

/// <summary>results.json: what was compared, on what, and every number with its interval.</summary>
public sealed record ResultsDocument(
    int FormatVersion,
    DateTimeOffset CreatedUtc,
    string WriterVersion,
    BootstrapOptions Bootstrap,
    IReadOnlyList<BackboneInfo> Backbones,
    IReadOnlyList<TaskInfo> Tasks,
    IReadOnlyList<ProtocolResult> Results);

/// <summary>A compared backbone; the weights sha256 is the feature cache's key.</summary>
public sealed record BackboneInfo(string Name, string Source, string WeightsSha256, int FeatureDim, int ImageSize);

/// <summary>A task's dataset and split sizes, so a reader can judge the intervals.</summary>
public sealed record TaskInfo(
    string Name,
    string Dataset,
    IReadOnlyList<string> Classes,
    int Samples,
    string Split,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<SplitSizes> Splits);

public sealed record SplitSizes(string Name, int Train, int Validation, int Test);
