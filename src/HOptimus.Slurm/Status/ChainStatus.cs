using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Submission;

namespace HOptimus.Slurm.Status;

/// <summary>Builds each stage's status of a recorded chain from sacct rows and squeue rows.</summary>
public static class ChainStatus
{
    private static readonly JobState[] Precedence =
    [
        JobState.Running, JobState.Completing, JobState.Suspended, JobState.Requeued, JobState.Pending,
        JobState.NodeFail, JobState.BootFail, JobState.Preempted, JobState.Timeout, JobState.OutOfMemory,
        JobState.Failed, JobState.Deadline, JobState.Cancelled, JobState.Revoked, JobState.Unknown, JobState.Completed,
    ];

    public static IReadOnlyList<StageStatus> Build(ChainRecord chain, IReadOnlyList<SacctRecord> sacct, IReadOnlyList<SqueueRow> squeue) =>
        chain.Stages.Select(s => Stage(s, sacct, squeue)).ToList();

    /// <summary>
    /// Why a task ended: its exit code, and sacct's reason unless that is only the last pending one
    /// ("Dependency") that sacct keeps after the end.
    /// </summary>
    private static string Ended(SacctRecord t)
    {
        var reason = t.Reason is "" or "None" or "Dependency" or "(null)" ? "" : t.Reason;
        if (t.State == JobState.Cancelled && !t.Ran) return "never started" + (reason.Length > 0 ? $" ({reason})" : " (upstream did not complete)");
        return $"exit {t.ExitCode}" + (reason.Length > 0 ? $", {reason}" : "");
    }

    private static StageStatus Stage(StageRecord stage, IReadOnlyList<SacctRecord> sacct, IReadOnlyList<SqueueRow> squeue)
    {
        var current = stage.Current.JobId;
        var attempts = sacct.Where(r => r.MasterId == current).ToList();
        // The last row of each task is its latest attempt (sacct lists attempts in order).
        var tasks = attempts.GroupBy(r => r.JobId).Select(g => g.Last()).ToList();
        var live = squeue.Where(q => q.MasterId == current).ToList();
        var states = tasks.Select(t => live.FirstOrDefault(q => q.JobId == t.JobId)?.State ?? t.State)
            .Concat(live.Where(q => tasks.All(t => t.JobId != q.JobId)).Select(q => q.State))
            .ToList();
        var state = states.Count == 0
            ? stage.Current.State == "cancelled" ? JobState.Cancelled : JobState.Unknown
            : Precedence.First(states.Contains);
        var detail = states.Count > 1 && states.Distinct().Count() == 1 ? $"{states.Count} tasks"
            : states.Count > 1 ? string.Join(", ", states.GroupBy(s => s).OrderBy(g => Array.IndexOf(Precedence, g.Key)).Select(g => $"{g.Count()} {g.Key.Display()}"))
            : "";
        var reason = live.OrderBy(q => q.State == state ? 0 : 1).Select(q => q.Reason)
            .Concat(tasks.Where(t => t.State == state && !state.IsActive() && state != JobState.Completed).Select(Ended))
            .FirstOrDefault(r => r is not ("" or "None" or "(null)")) ?? "-";
        var elapsed = attempts.GroupBy(r => r.JobId).Select(g => g.Sum(r => r.ElapsedSeconds)).DefaultIfEmpty(0).Max();
        var requeues = attempts.GroupBy(r => r.JobId).Select(g => g.Count() - 1).DefaultIfEmpty(0).Max();
        return new StageStatus(stage.Stage, state, detail, reason, TimeSpan.FromSeconds(elapsed), requeues,
            stage.Jobs.Count - 1, stage.Jobs.Select(j => j.JobId).ToList(), tasks);
    }
}
