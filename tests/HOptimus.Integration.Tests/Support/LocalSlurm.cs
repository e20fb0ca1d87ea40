namespace HOptimus.Integration.Tests.Support;

/// <summary>One row of sacct for a job allocation.</summary>
public sealed record SacctRow(string JobId, string State, string ExitCode, string AllocTres);

/// <summary>
/// Submits to the real local cluster of scripts/slurm-local and waits on sacct. Tests skip, with the
/// reason, when the cluster is not up (scripts/test brings it up, so CI always runs them).
/// </summary>
public static class LocalSlurm
{
    private static readonly string[] EndStates =
        ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE"];

    public static void RequireCluster()
    {
        if (!File.Exists("/usr/bin/sinfo")) Assert.Ignore("Slurm is not installed: run scripts/setup");
        var sinfo = Processes.Run("sinfo", ["-h", "-n", "localhost", "-o", "%t"], TimeSpan.FromSeconds(20));
        if (sinfo.ExitCode != 0 || !new[] { "idle", "mix", "alloc" }.Any(s => sinfo.StdOut.Trim().StartsWith(s)))
            Assert.Ignore($"the local Slurm cluster is not up (run scripts/slurm-local up): {sinfo.Output.Trim()}");
    }

    /// <summary>sbatch --parsable with the given arguments; fails the test with Slurm's message if refused.</summary>
    public static string Submit(params string[] sbatchArgs)
    {
        var result = TrySubmit(sbatchArgs);
        Assert.That(result.ExitCode, Is.Zero, $"sbatch refused: {result.Output}");
        var id = result.StdOut.Trim().Split(';')[0];
        Assert.That(id, Does.Match("^[0-9]+$"), $"sbatch printed no job id: '{result.Output}'");
        return id;
    }

    public static ProcessResult TrySubmit(params string[] sbatchArgs) =>
        Processes.Run("sbatch", ["--parsable", .. sbatchArgs], TimeSpan.FromSeconds(60));

    /// <summary>
    /// Waits until sacct shows <paramref name="allocations"/> allocations of the job (an array's tasks) in an
    /// end state: slurmdbd records array tasks as they start, so a finished last task can be listed before
    /// the others reach the database.
    /// </summary>
    public static IReadOnlyList<SacctRow> WaitForEnd(string jobId, TimeSpan timeout, int allocations = 1)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = Sacct(jobId);
            if (rows.Count >= allocations && rows.All(r => EndStates.Any(s => r.State.StartsWith(s)))) return rows;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"job {jobId} did not end within {timeout}: {string.Join(", ", rows.Select(r => $"{r.JobId}={r.State}"))}");
            Thread.Sleep(1000);
        }
    }

    public static IReadOnlyList<SacctRow> Sacct(string jobId)
    {
        var result = Processes.Run("sacct", ["-j", jobId, "-X", "-n", "-P", "--format=JobID,State,ExitCode,AllocTRES"],
            TimeSpan.FromSeconds(30));
        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|'))
            .Where(f => f.Length >= 4)
            .Select(f => new SacctRow(f[0], f[1], f[2], f[3]))
            .ToList();
    }
}
