namespace HOptimus.Slurm.Accounting;

/// <summary>A line of a report table: one job, stage, run or user.</summary>
/// <param name="Jobs">Distinct jobs (an array counts once).</param>
/// <param name="Attempts">Charged allocations: array tasks and requeue attempts each count.</param>
public sealed record UsageRow(string Key, int Jobs, int Attempts, double GpuHours, double CpuHours);
