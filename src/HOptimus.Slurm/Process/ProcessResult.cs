namespace HOptimus.Slurm.Process;

/// <summary>What a finished command left behind: its exit code and both output streams.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Stderr if there is any, else stdout: Slurm's own words for the operator.</summary>
    public string Message => (string.IsNullOrWhiteSpace(Stderr) ? Stdout : Stderr).Trim();
}
