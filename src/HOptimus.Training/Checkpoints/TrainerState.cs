namespace HOptimus.Training.Checkpoints;

/// <summary>
/// trainer-state.json: what besides tensors a resumed run needs to continue bit-identically. The data
/// loader has no state of its own (every crop and mask is drawn from a stream keyed by the sample's
/// position), so the data cursor is the next step and the global batch it was counted in.
/// </summary>
public sealed record TrainerState
{
    /// <summary>Optimizer steps completed; the next step to run. Also the schedules' position.</summary>
    public long Step { get; init; }
    /// <summary>Global batch the cursor counts in: the next sample position is Step x GlobalBatchSize.</summary>
    public int GlobalBatchSize { get; init; }
    /// <summary>The run's seed; a resume with another seed would silently change the data order.</summary>
    public long Seed { get; init; }
    /// <summary>Next sample position of the global stream (Step x GlobalBatchSize), stored for humans and checks.</summary>
    public long NextSamplePosition { get; init; }
    /// <summary>libtorch's CPU generator (drop path, anything else drawn with torch), base64 of its state bytes.</summary>
    public string TorchRngState { get; init; } = "";
    /// <summary>AdamW's per-parameter step counts (bias correction), by logical name.</summary>
    public Dictionary<string, long> OptimizerSteps { get; init; } = new();
    /// <summary>Steps skipped for a NaN/inf loss since the start of the run.</summary>
    public long NonFiniteSkipped { get; init; }
    /// <summary>Consecutive skipped steps just before the checkpoint.</summary>
    public int ConsecutiveNonFinite { get; init; }
    /// <summary>"hopt-train     /// <summary>Recipe name and resolved options hash are not here: run.json keeps the resolved config.</summary>lt;version    /// <summary>Recipe name and resolved options hash are not here: run.json keeps the resolved config.</summary>gt;" of the writer, for support questions.</summary>
    public string WrittenBy { get; init; } = "";
}
