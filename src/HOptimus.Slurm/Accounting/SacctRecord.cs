namespace HOptimus.Slurm.Accounting;

/// <summary>One allocation row of `sacct -X --duplicates`: a job, an array task, or one attempt of a requeued job.</summary>
public sealed record SacctRecord
{
    /// <summary>As sacct shows it: "123", or "123_4" for an array task.</summary>
    public string JobId { get; init; } = "";
    /// <summary>The task's own id (for "123_4", e.g. "127").</summary>
    public string JobIdRaw { get; init; } = "";
    public string Name { get; init; } = "";
    public string User { get; init; } = "";
    public string Account { get; init; } = "";
    public string Partition { get; init; } = "";
    public string Qos { get; init; } = "";
    /// <summary>The state text as sacct printed it, e.g. "CANCELLED by 0".</summary>
    public string StateText { get; init; } = "";
    public JobState State { get; init; }
    /// <summary>"exit:signal", e.g. "0:0", "75:0", "0:15".</summary>
    public string ExitCode { get; init; } = "";
    public DateTimeOffset? Submit { get; init; }
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? End { get; init; }
    /// <summary>Seconds of wall time; for a running job, so far.</summary>
    public long ElapsedSeconds { get; init; }
    public int Nodes { get; init; }
    public int Cpus { get; init; }
    /// <summary>GPUs from AllocTRES gres/gpu (0 if none or not yet allocated).</summary>
    public int Gpus { get; init; }
    /// <summary>Memory from AllocTRES mem, MiB; null if absent.</summary>
    public double? MemoryMiB { get; init; }
    public string Reason { get; init; } = "";

    /// <summary>The job id operators and dependencies use: the array's master id for a task, else the job id.</summary>
    public string MasterId => JobId.Split('_', 2)[0];

    /// <summary>
    /// Whether it ever held its nodes. A job cancelled while pending shows Start = End (not "Unknown")
    /// and no elapsed time, so Start alone does not tell; a job that ran for under a second looks the
    /// same but ends in another state (COMPLETED, REQUEUED, ...).
    /// </summary>
    public bool Ran => Start is { } s && (ElapsedSeconds > 0 || End is null || End > s || State != JobState.Cancelled);

    public int ExitStatus => int.TryParse(ExitCode.Split(':')[0], out var v) ? v : 0;

    public int ExitSignal => ExitCode.Split(':') is [_, var s] && int.TryParse(s, out var v) ? v : 0;
}
