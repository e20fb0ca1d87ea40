using HOptimus.Slurm.Pipelines;

namespace HOptimus.Slurm.Resubmission;

public enum ResubmitKind { Keep, Resubmit, Blocked }

/// <summary>What `hopt resubmit` does with one stage, and why.</summary>
/// <param name="ArrayTasks">For an array stage, the task indices to run again; null = the whole job.</param>
public sealed record ResubmitAction(Stage Stage, ResubmitKind Kind, string Why, IReadOnlyList<int>? ArrayTasks = null);
