namespace HOptimus.Slurm.Submission;

/// <summary>One submission of a stage, as recorded in jobs.json.</summary>
public sealed record JobAttempt
{
    public string JobId { get; init; } = "";
    /// <summary>The --dependency it was given, e.g. afterok:1234; null for the first stage.</summary>
    public string? Dependency { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }
    /// <summary>"submit" or "resubmit".</summary>
    public string Reason { get; init; } = "submit";
    /// <summary>State when last written by hopt: submitted, or cancelled when the chain could not be completed.</summary>
    public string State { get; init; } = "submitted";
    /// <summary>The exact sbatch argv, so a resubmission repeats it with a new dependency.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
    /// <summary>The variables set in sbatch's environment (HOPT_RUN, HOPT_PROFILE, HOPT_BIN).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
