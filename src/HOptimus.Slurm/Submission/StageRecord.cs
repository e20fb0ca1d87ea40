using HOptimus.Slurm.Pipelines;

namespace HOptimus.Slurm.Submission;

/// <summary>A stage of a submitted chain with every job it has had, oldest first.</summary>
public sealed record StageRecord
{
    public Stage Stage { get; init; }
    /// <summary>Array size (pack), null otherwise.</summary>
    public int? ArrayTasks { get; init; }
    /// <summary>Requeue cap (train): more restarts than this counts as cut short.</summary>
    public int MaxRequeues { get; init; }
    public IReadOnlyList<JobAttempt> Jobs { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public JobAttempt Current => Jobs[^1];
}
