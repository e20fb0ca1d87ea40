using System.ComponentModel;
using System.Diagnostics;
using HOptimus.Core;

namespace HOptimus.Slurm.Process;

/// <summary>The real runner: ProcessStartInfo.ArgumentList with UseShellExecute off, so argv goes to execve as is.</summary>
public sealed class SystemProcessRunner : IProcessRunner
{
    public ProcessResult Run(string program, IReadOnlyList<string> arguments, ProcessSettings? settings = null)
    {
        settings ??= new ProcessSettings();
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = settings.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (k, v) in settings.Environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var process = new System.Diagnostics.Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw HoptException.Usage($"cannot run {program}: {e.Message} (is Slurm installed and on PATH?)");
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var timeout = settings.Timeout ?? ProcessSettings.DefaultTimeout;
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            // Reported like a Slurm time-out so the caller's retry policy treats it as transient.
            return new ProcessResult(124, stdout.Result, $"{program}: Socket timed out: no answer after {timeout.TotalSeconds:0} s");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
