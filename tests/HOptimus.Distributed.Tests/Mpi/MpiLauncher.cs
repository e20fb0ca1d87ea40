using System.Diagnostics;

namespace HOptimus.Distributed.Tests.Mpi;

/// <summary>Runs this test assembly as MPI ranks under MPICH's own launcher (mpirun.mpich) and captures the output.</summary>
internal static class MpiLauncher
{
    public const string Launcher = "/usr/bin/mpirun.mpich";
    private static string Assembly => typeof(MpiLauncher).Assembly.Location;

    public static void RequireMpich()
    {
        if (!File.Exists(Launcher)) Assert.Ignore($"{Launcher} not found: install Debian's mpich (scripts/setup)");
        if (!File.Exists("/usr/lib/x86_64-linux-gnu/libmpich.so.12")) Assert.Ignore("libmpich.so.12 not found: install libmpich12");
    }

    /// <summary><paramref name="ranks"/> = 0 runs one process without a launcher (MPI singleton).</summary>
    public static (int ExitCode, string Output) Run(int ranks, string[] probeArgs, TimeSpan limit,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = ranks > 0
            ? new ProcessStartInfo(Launcher) { ArgumentList = { "-np", ranks.ToString(), "dotnet", "exec", Assembly } }
            : new ProcessStartInfo("dotnet") { ArgumentList = { "exec", Assembly } };
        foreach (var a in probeArgs) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        // A test run inside a Slurm job or an MPI launch must not leak its own rank/world into the probe.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("SLURM_") || k.StartsWith("PMI_")).ToList())
            start.Environment.Remove(key);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{string.Join(' ', start.ArgumentList)} still running after {limit.TotalSeconds} s: {stdout.Result}{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
