namespace HOptimus.Slurm.Accounting;

/// <summary>Slurm job states as sacct and squeue spell them (upper case, '_' between words).</summary>
public enum JobState
{
    Unknown, Pending, Running, Suspended, Completing, Completed, Requeued, Failed, Timeout, Cancelled,
    NodeFail, Preempted, OutOfMemory, BootFail, Deadline, Revoked, Resizing,
}

public static class JobStates
{
    /// <summary>Parses "CANCELLED by 0", "RUNNING", "OUT_OF_MEMORY", "CA", … ; anything else is Unknown.</summary>
    public static JobState Parse(string text)
    {
        var word = text.Trim().Split(' ', 2)[0].ToUpperInvariant();
        return word switch
        {
            "PENDING" or "PD" => JobState.Pending,
            "RUNNING" or "R" => JobState.Running,
            "SUSPENDED" or "S" => JobState.Suspended,
            "COMPLETING" or "CG" => JobState.Completing,
            "COMPLETED" or "CD" => JobState.Completed,
            "REQUEUED" or "RQ" or "REQUEUE_HOLD" or "REQUEUE_FED" => JobState.Requeued,
            "FAILED" or "F" => JobState.Failed,
            "TIMEOUT" or "TO" => JobState.Timeout,
            "CANCELLED" or "CA" => JobState.Cancelled,
            "NODE_FAIL" or "NF" => JobState.NodeFail,
            "PREEMPTED" or "PR" => JobState.Preempted,
            "OUT_OF_MEMORY" or "OOM" => JobState.OutOfMemory,
            "BOOT_FAIL" or "BF" => JobState.BootFail,
            "DEADLINE" or "DL" => JobState.Deadline,
            "REVOKED" or "RV" => JobState.Revoked,
            "RESIZING" or "RS" => JobState.Resizing,
            _ => JobState.Unknown,
        };
    }

    /// <summary>Still queued or running: its hours are not final and a resubmission would duplicate it.</summary>
    public static bool IsActive(this JobState s) =>
        s is JobState.Pending or JobState.Running or JobState.Suspended or JobState.Completing or JobState.Requeued or JobState.Resizing;

    /// <summary>Cut short by the machine or the clock rather than by its own bug: worth running again from its checkpoint.</summary>
    public static bool IsInterrupted(this JobState s) =>
        s is JobState.Timeout or JobState.Preempted or JobState.NodeFail or JobState.BootFail or JobState.Deadline;

    public static string Display(this JobState s) => s switch
    {
        JobState.NodeFail => "NODE_FAIL",
        JobState.OutOfMemory => "OUT_OF_MEMORY",
        JobState.BootFail => "BOOT_FAIL",
        _ => s.ToString().ToUpperInvariant(),
    };
}
