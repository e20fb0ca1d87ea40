using HOptimus.Slurm.Accounting;

namespace HOptimus.Slurm.Status;

/// <summary>A live job as squeue shows it: its state, why it waits, and its restart count.</summary>
public sealed record SqueueRow(string JobId, JobState State, string Reason, int Restarts)
{
    public const string Format = "%i|%T|%r";

    public string MasterId => JobId.Split('_', 2)[0];
}
