namespace HOptimus.Core;

/// <summary>
/// What Slurm tells a process about its place in the job. The only reader of SLURM_* in the project
/// (DESIGN.md): everything else takes these values, so tests and laptops can pass their own.
/// </summary>
public sealed record SlurmEnvironment
{
    public string? JobId { get; init; }
    /// <summary>The array's master job id, so every task of an array shares one.</summary>
    public string? ArrayJobId { get; init; }
    public int? ArrayTaskId { get; init; }
    public int? ArrayTaskCount { get; init; }
    public int? ArrayTaskMin { get; init; }
    /// <summary>Global rank (SLURM_PROCID).</summary>
    public int Rank { get; init; }
    /// <summary>Rank on this node (SLURM_LOCALID): picks the GPU.</summary>
    public int LocalRank { get; init; }
    /// <summary>SLURM_NTASKS, or null outside a job step.</summary>
    public int? Tasks { get; init; }
    /// <summary>How many times the job was requeued (SLURM_RESTART_COUNT).</summary>
    public int RestartCount { get; init; }
    public string? NodeName { get; init; }

    public bool InJob => JobId is not null;

    public static SlurmEnvironment FromEnvironment() => From(Environment.GetEnvironmentVariable);

    public static SlurmEnvironment From(Func<string, string?> get)
    {
        int? Int(string name) => int.TryParse(get(name), out var v) ? v : null;
        return new SlurmEnvironment
        {
            JobId = get("SLURM_JOB_ID"),
            ArrayJobId = get("SLURM_ARRAY_JOB_ID"),
            ArrayTaskId = Int("SLURM_ARRAY_TASK_ID"),
            ArrayTaskCount = Int("SLURM_ARRAY_TASK_COUNT"),
            ArrayTaskMin = Int("SLURM_ARRAY_TASK_MIN"),
            Rank = Int("SLURM_PROCID") ?? 0,
            LocalRank = Int("SLURM_LOCALID") ?? 0,
            Tasks = Int("SLURM_NTASKS"),
            RestartCount = Int("SLURM_RESTART_COUNT") ?? 0,
            NodeName = get("SLURMD_NODENAME"),
        };
    }
}
