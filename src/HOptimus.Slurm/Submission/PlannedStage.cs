using System.Text.Json;
using HOptimus.Slurm.Pipelines;

namespace HOptimus.Slurm.Submission;

/// <summary>A stage ready to submit: its resolved request, its sbatch arguments (no dependency yet) and its config.</summary>
public sealed record PlannedStage(StageJob Job, IReadOnlyList<string> Arguments, Dependency? Dependency, JsonElement? Config)
{
    public Stage Stage => Job.Stage;

    /// <summary>
    /// The job's variables: the run's, plus for training HOPT_MAX_REQUEUES, the cap jobs/train.sbatch
    /// applies before it stops requeueing (exit 75) and leaves the rest to `hopt resubmit`.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment(RunContext run)
    {
        var env = new SortedDictionary<string, string>(run.Environment.ToDictionary(), StringComparer.Ordinal);
        if (Job.Requeueable) env["HOPT_MAX_REQUEUES"] = Job.MaxRequeues.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return env;
    }
    public string ScriptPath => Arguments[^1];
}
