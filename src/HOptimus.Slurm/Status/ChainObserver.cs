using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Submission;

namespace HOptimus.Slurm.Status;

/// <summary>Asks sacct (history, every attempt) and squeue (live reasons) about a recorded chain.</summary>
public static class ChainObserver
{
    public static IReadOnlyList<SacctRecord> Sacct(ChainRecord chain, SlurmClient slurm) =>
        SacctParser.Parse(slurm.Query("sacct", SacctQuery.ForJobs(chain.AllJobIds)), "sacct");

    public static IReadOnlyList<SqueueRow> Squeue(ChainRecord chain, SlurmClient slurm)
    {
        var result = slurm.TryQuery("squeue", SqueueParser.Arguments(chain.Stages.Select(s => s.Current.JobId)));
        if (result.Succeeded) return SqueueParser.Parse(result.Stdout);
        // squeue refuses a list whose jobs have all left the controller: nothing is live.
        if (result.Message.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)) return [];
        throw new SlurmCommandException($"squeue failed: {result.Message}", SlurmErrors.IsTransient(result.Message));
    }

    public static IReadOnlyList<StageStatus> Observe(ChainRecord chain, SlurmClient slurm) =>
        ChainStatus.Build(chain, Sacct(chain, slurm), Squeue(chain, slurm));
}
