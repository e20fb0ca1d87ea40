namespace HOptimus.Slurm.Process;

/// <summary>
/// Runs a program with an argument vector, never through a shell: no value can be re-parsed as
/// code, whatever characters it holds. The seam tests use to record the exact commands.
/// </summary>
public interface IProcessRunner
{
    ProcessResult Run(string program, IReadOnlyList<string> arguments, ProcessSettings? settings = null);
}
