using HOptimus.Integration.Tests.Support;

namespace HOptimus.Integration.Tests.Cli;

/// <summary>
/// A jobs/ folder for hopt's own tests: the real jobs/report.sbatch, and stand-ins for the four work
/// stages (real sbatch scripts that prove what the job received, then end as the test chose). The
/// real stages are exercised by the full-chain test and scripts/demo; here the subject is the chain.
///   pack:  writes proof/pack-&lt;task&gt; with $HOPT_RUN; exits 3 if the run holds fail-task-&lt;task&gt;.
///   train: requeues itself once (scontrol requeue) if the run holds requeue-once; else writes proof/train.
/// </summary>
public static class StandInJobs
{
    private const string Pack = """
        #!/bin/bash
        #SBATCH --time=00:05:00
        set -euo pipefail
        task=${SLURM_ARRAY_TASK_ID:-0}
        mkdir -p "$HOPT_RUN/proof"
        printf '%s\n' "$HOPT_RUN" > "$HOPT_RUN/proof/pack-$task"
        [ -e "$HOPT_RUN/fail-task-$task" ] && exit 3
        exit 0
        """;

    private const string Train = """
        #!/bin/bash
        #SBATCH --time=00:05:00
        set -euo pipefail
        mkdir -p "$HOPT_RUN/proof"
        if [ -e "$HOPT_RUN/requeue-once" ] && [ "${SLURM_RESTART_COUNT:-0}" = 0 ]; then
          sleep 2
          scontrol requeue "$SLURM_JOB_ID"
          sleep 60
        fi
        printf '%s\n' "$HOPT_RUN" > "$HOPT_RUN/proof/train"
        """;

    private const string Plain = """
        #!/bin/bash
        #SBATCH --time=00:05:00
        printf '%s\n' "$HOPT_RUN" > "$HOPT_RUN/proof/$(basename "$0")"
        """;

    public static string Create(string folder)
    {
        var jobs = Path.Combine(folder, "jobs");
        Directory.CreateDirectory(jobs);
        File.WriteAllText(Path.Combine(jobs, "pack.sbatch"), Pack + "\n");
        File.WriteAllText(Path.Combine(jobs, "train.sbatch"), Train + "\n");
        File.WriteAllText(Path.Combine(jobs, "consolidate.sbatch"), Plain + "\n");
        File.WriteAllText(Path.Combine(jobs, "eval.sbatch"), Plain + "\n");
        File.Copy(Path.Combine(Repo.Jobs, "report.sbatch"), Path.Combine(jobs, "report.sbatch"));
        return jobs;
    }
}
