using HOptimus.Core;
using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Status;
using HOptimus.Slurm.Submission;

namespace HOptimus.Slurm.Resubmission;

/// <summary>
/// Decides, stage by stage, what to run again. Cut short by the machine (TIMEOUT, PREEMPTED,
/// NODE_FAIL), cancelled by a signal, or stopped for requeue past its cap (exit 75): resubmit. Killed
/// because an upstream stage failed: resubmit behind the new upstream job. Completed, queued or
/// running: leave alone, which makes a second run a no-op. Failed for its own reasons (a real exit
/// code, out of memory): blocked, with everything downstream, until the operator fixes the cause
/// and asks again with retryFailed (`hopt resubmit --retry-failed`).
/// </summary>
public static class ResubmitPlanner
{
    public static IReadOnlyList<ResubmitAction> Plan(ChainRecord chain, IReadOnlyList<StageStatus> statuses, bool retryFailed = false)
    {
        var actions = new List<ResubmitAction>();
        var blocked = false;
        foreach (var status in statuses)
        {
            var record = chain.Stages.First(s => s.Stage == status.Stage);
            var action = status.Stage == Stage.Report
                ? Report(status, actions)
                : blocked ? new ResubmitAction(status.Stage, ResubmitKind.Blocked, "an upstream stage failed")
                : Decide(status, record, retryFailed);
            blocked |= action.Kind == ResubmitKind.Blocked;
            actions.Add(action);
        }
        return actions;
    }

    private static ResubmitAction Report(StageStatus s, List<ResubmitAction> upstream) =>
        !s.State.IsActive() && upstream.Any(a => a.Kind == ResubmitKind.Resubmit)
            ? new ResubmitAction(s.Stage, ResubmitKind.Resubmit, "stages were resubmitted; the report runs after them")
            : new ResubmitAction(s.Stage, ResubmitKind.Keep, s.State.IsActive() ? "queued or running" : "nothing upstream changed");

    private static ResubmitAction Decide(StageStatus s, StageRecord record, bool retryFailed)
    {
        if (s.State == JobState.Completed) return new(s.Stage, ResubmitKind.Keep, "completed");
        if (s.State.IsActive()) return new(s.Stage, ResubmitKind.Keep, "queued or running");
        if (s.State == JobState.Unknown) return new(s.Stage, ResubmitKind.Keep, "not in sacct yet (just submitted?)");
        string? Why(SacctRecord t) => Retryable(t, record, s.Requeues)
            ?? (retryFailed && t.State != JobState.Completed ? $"ended {t.StateText} ({t.ExitCode}); retried on request" : null);
        var redo = s.Tasks.Where(t => Why(t) is not null).ToList();
        var failed = s.Tasks.Where(t => t.State != JobState.Completed && !t.State.IsActive() && Why(t) is null).ToList();
        if (failed.Count > 0)
        {
            var f = failed[0];
            return new(s.Stage, ResubmitKind.Blocked,
                $"job {f.JobId} ended {f.StateText} with exit code {f.ExitCode}: fix the cause (see logs/), then `hopt resubmit --retry-failed`");
        }
        var why = string.Join(", ", redo.Select(Why).Distinct());
        var indices = record.ArrayTasks is not null
            ? redo.Select(t => ArrayIndex(t.JobId)).OfType<int>().Distinct().Order().ToList()
            : null;
        // A pending array placeholder ("123_[4-7]") that was cancelled has no single index: run the whole array.
        if (indices is not null && redo.Any(t => ArrayIndex(t.JobId) is null)) indices = null;
        return new(s.Stage, ResubmitKind.Resubmit, why, indices);
    }

    /// <summary>Why a task's end is worth running again, or null if it is not.</summary>
    private static string? Retryable(SacctRecord t, StageRecord record, int requeues) => t.State switch
    {
        JobState.Completed => null,
        var st when st.IsInterrupted() => $"ended {st.Display()}",
        JobState.Cancelled when !t.Ran => "cancelled before it started (an upstream stage did not complete)",
        JobState.Cancelled => $"cancelled by a signal ({t.StateText})",
        JobState.Failed when t.ExitStatus == ExitCodes.Requeue => "stopped for requeue past its requeue cap (exit 75)",
        JobState.Failed when t.ExitStatus is ExitCodes.Interrupted or ExitCodes.Terminated || t.ExitSignal != 0 =>
            $"killed by a signal (exit code {t.ExitCode})",
        _ when requeues > record.MaxRequeues => $"requeued {requeues} times, past its cap of {record.MaxRequeues}",
        _ => null,
    };

    private static int? ArrayIndex(string jobId) =>
        jobId.Split('_') is [_, var i] && int.TryParse(i, out var v) ? v : null;
}
