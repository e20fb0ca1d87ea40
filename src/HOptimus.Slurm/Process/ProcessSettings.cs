namespace HOptimus.Slurm.Process;

/// <summary>Where and how long a command runs.</summary>
/// <param name="WorkingDirectory">Folder the command starts in; default: the current one. sbatch records it as SLURM_SUBMIT_DIR.</param>
/// <param name="Timeout">Kill the command after this long; default 2 minutes (a hung controller must not hang hopt).</param>
/// <param name="Environment">Variables added to the command's environment; default none.</param>
public sealed record ProcessSettings(string? WorkingDirectory = null, TimeSpan? Timeout = null,
    IReadOnlyDictionary<string, string>? Environment = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);
}
