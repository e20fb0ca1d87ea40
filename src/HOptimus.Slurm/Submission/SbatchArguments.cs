using System.Globalization;
using HOptimus.Slurm.Pipelines;

namespace HOptimus.Slurm.Submission;

/// <summary>
/// The sbatch flags of one stage. They override the script's #SBATCH defaults (flags win over
/// #SBATCH lines); no value is ever written into a script. The dependency is added at submit time,
/// once the upstream job ids are known.
/// </summary>
public static class SbatchArguments
{
    public static List<string> Build(StageJob job, RunContext run)
    {
        var a = new List<string>
        {
            "--parsable",
            $"--job-name={run.Name}.{job.Stage.Id()}",
        };
        if (job.Account is not null) a.Add($"--account={job.Account}");
        if (job.Partition.Partition is not null) a.Add($"--partition={job.Partition.Partition}");
        if (job.Qos is not null) a.Add($"--qos={job.Qos}");
        if (job.Partition.Constraint is not null) a.Add($"--constraint={job.Partition.Constraint}");
        if (job.Partition.Hint is not null) a.Add($"--hint={job.Partition.Hint}");
        a.Add($"--time={WallTime(job.TimeMinutes)}");
        a.Add($"--nodes={job.Nodes}");
        // --ntasks too: a script's own #SBATCH --ntasks would otherwise cap --ntasks-per-node.
        a.Add($"--ntasks={job.Nodes * job.TasksPerNode}");
        a.Add($"--ntasks-per-node={job.TasksPerNode}");
        a.Add($"--cpus-per-task={job.CpusPerTask}");
        // "none" too: a script's own #SBATCH --gres must not put GPUs (and their hours) on a CPU stage.
        a.Add(job.GpusPerNode > 0 ? $"--gres=gpu:{job.GpusPerNode}" : "--gres=none");
        if (job.MemoryGiB is { } gib) a.Add($"--mem={(long)Math.Ceiling(gib * 1024)}M");
        if (job.ArrayTasks is { } n)
            a.Add($"--array=0-{n - 1}" + (job.ArrayConcurrency is { } c ? $"%{c}" : ""));
        if (job.Requeueable)
        {
            a.Add("--requeue");
            a.Add("--open-mode=append");
            if (job.SignalMarginSeconds is { } s) a.Add($"--signal=USR2@{s}");
        }
        a.Add("--kill-on-invalid-dep=yes");
        var log = job.ArrayTasks is null ? $"{job.Stage.Id()}-%j.out" : $"{job.Stage.Id()}-%A_%a.out";
        a.Add($"--output={Path.Combine(run.Directory, "logs", log)}");
        // The job's variables travel in sbatch's own environment (RunContext.Environment), not in
        // --export=NAME=value: sbatch parses quotes and commas there, and a path holding one would
        // spill into the next variable.
        a.Add("--export=ALL");
        a.Add(Path.Combine(run.JobsDirectory, job.Stage.ScriptName()));
        return a;
    }

    /// <summary>Inserts --dependency before the script path (the last argument).</summary>
    public static List<string> WithDependency(IReadOnlyList<string> arguments, string? dependencyFlag)
    {
        var list = arguments.Where(x => !x.StartsWith("--dependency=", StringComparison.Ordinal)).ToList();
        if (dependencyFlag is not null) list.Insert(list.Count - 1, dependencyFlag);
        return list;
    }

    /// <summary>Replaces the --array flag (a resubmission of some array tasks only).</summary>
    public static List<string> WithArray(IReadOnlyList<string> arguments, string arrayFlag) =>
        arguments.Select(x => x.StartsWith("--array=", StringComparison.Ordinal) ? arrayFlag : x).ToList();

    /// <summary>Slurm's [D-]HH:MM:SS.</summary>
    public static string WallTime(int minutes)
    {
        var t = TimeSpan.FromMinutes(minutes);
        var hms = $"{t.Hours:00}:{t.Minutes:00}:00";
        return t.Days > 0 ? string.Create(CultureInfo.InvariantCulture, $"{t.Days}-{hms}") : hms;
    }
}
