using HOptimus.Core;

namespace HOptimus.Training.Options;

/// <summary>When checkpoints are written, how many are kept, and whether a run resumes.</summary>
public sealed record CheckpointOptions
{
    /// <summary>Write a checkpoint every N steps (and always at the end and on a stop signal). Default 500.</summary>
    public int EverySteps { get; init; } = 500;
    /// <summary>Valid checkpoints kept; older ones are deleted after a new one is committed. Default 3.</summary>
    public int KeepLast { get; init; } = 3;
    /// <summary>Resume from the newest valid checkpoint of the run. Default true.</summary>
    public bool Resume { get; init; } = true;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(OptionsValidation.Positive("Train:Checkpoint:EverySteps", EverySteps));
        errors.AddRange(OptionsValidation.InRange("Train:Checkpoint:KeepLast", KeepLast, 1, 1000));
        return errors;
    }
}
