using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Pipelines;

namespace HOptimus.Slurm.Status;

/// <summary>Where one stage of a chain stands, merged from squeue (live) and sacct (history).</summary>
/// <param name="State">The stage's state: RUNNING if any task runs, PENDING if any waits, COMPLETED if all did, else the failure.</param>
/// <param name="Detail">For arrays, the count per state, e.g. "3 COMPLETED, 1 TIMEOUT".</param>
/// <param name="Reason">Why it waits or ended (squeue/sacct Reason), "-" if none.</param>
/// <param name="Elapsed">Wall time of the current job, all requeue attempts together (longest array task).</param>
/// <param name="Requeues">Requeue attempts of the current job (sacct --duplicates rows beyond the first).</param>
/// <param name="Resubmits">Earlier jobs of this stage replaced by `hopt resubmit`.</param>
/// <param name="Tasks">The latest attempt of each task (or of the job) of the current submission.</param>
public sealed record StageStatus(
    Stage Stage,
    JobState State,
    string Detail,
    string Reason,
    TimeSpan Elapsed,
    int Requeues,
    int Resubmits,
    IReadOnlyList<string> JobIds,
    IReadOnlyList<SacctRecord> Tasks)
{
    public int Restarts => Requeues + Resubmits;
}
