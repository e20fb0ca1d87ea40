using HOptimus.Integration.Tests.Support;
using HOptimus.Slurm.Accounting;

namespace HOptimus.Integration.Tests.Cli;

/// <summary>Waits on the real sacct (every attempt, --duplicates) with hopt's own parser.</summary>
public static class ClusterWait
{
    public static IReadOnlyList<SacctRecord> Sacct(IEnumerable<string> jobIds)
    {
        var r = Processes.Run("sacct", SacctQuery.ForJobs(jobIds), TimeSpan.FromSeconds(30));
        Assert.That(r.ExitCode, Is.Zero, r.Output);
        return SacctParser.Parse(r.StdOut);
    }

    /// <summary>
    /// Until every row of the jobs is final and, for an array, its <paramref name="arrayTasks"/> task
    /// rows are there (slurmdbd may first show one row for a whole array that ran in one pass);
    /// <paramref name="onPoll"/> may nudge the cluster (release a requeued job).
    /// </summary>
    public static IReadOnlyList<SacctRecord> UntilEnded(IReadOnlyCollection<string> jobIds, TimeSpan timeout,
        Action<IReadOnlyList<SacctRecord>>? onPoll = null, (string JobId, int Tasks)? arrayTasks = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = Sacct(jobIds);
            var latest = rows.GroupBy(r => r.JobId).Select(g => g.Last()).ToList();
            var arrayComplete = arrayTasks is not { } a || latest.Count(r => r.MasterId == a.JobId && r.JobId.Contains('_')) == a.Tasks;
            if (arrayComplete && jobIds.All(id => latest.Any(r => r.MasterId == id)) && latest.All(r => !r.State.IsActive())) return rows;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"jobs {string.Join(",", jobIds)} did not end within {timeout}: {string.Join(", ", latest.Select(r => $"{r.JobId}={r.StateText}"))}");
            onPoll?.Invoke(rows);
            Thread.Sleep(1000);
        }
    }

    /// <summary>
    /// A requeued batch job waits 120 s before it may start again (Slurm's requeue delay); move its
    /// begin time to now so the test need not wait.
    /// </summary>
    public static void ReleaseRequeued(IReadOnlyList<SacctRecord> rows)
    {
        foreach (var id in rows.GroupBy(r => r.JobIdRaw).Where(g => g.Last().State == JobState.Pending && g.Count() > 1).Select(g => g.Key))
            Processes.Run("scontrol", ["update", $"JobId={id}", "StartTime=now"], TimeSpan.FromSeconds(20));
    }
}
