namespace HOptimus.Slurm.Accounting;

/// <summary>One charged attempt of a job (or array task), with the run and stage it belongs to.</summary>
public sealed record ChargedJob(
    SacctRecord Record,
    string Run,
    string Stage,
    int Attempt,
    long Seconds,
    Charge Charge)
{
    /// <summary>When its hours count in the burn-down: its end, or now for one still running.</summary>
    public DateTimeOffset? ChargedAt { get; init; }
}
