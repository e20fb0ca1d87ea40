using HOptimus.Core;
using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Profiles;

namespace HOptimus.Slurm.Submission;

/// <summary>
/// The whole chain, resolved and checked before anything is submitted: QoS limits, node shapes,
/// every value that reaches sbatch, and the scripts' presence.
/// </summary>
public sealed record ChainPlan(ClusterProfile Profile, PipelineSpec Pipeline, RunContext Run, IReadOnlyList<PlannedStage> Stages)
{
    public static ChainPlan Build(ClusterProfile profile, PipelineSpec pipeline, string jobsDirectory)
    {
        var run = RunContext.For(pipeline, profile, jobsDirectory);
        var errors = new List<string>();
        errors.AddRange(SlurmValue.Check("jobs directory", run.JobsDirectory, SlurmValue.Kind.Path));
        var enabled = pipeline.Stages.Enabled().ToList();
        var jobs = enabled.Select(e => StageJob.Resolve(e.Stage, e.Spec, profile, pipeline.Project)).ToList();
        foreach (var j in jobs)
        {
            errors.AddRange(SlurmValue.CheckOptional($"stages.{j.Stage.Id()} account", j.Account, SlurmValue.Kind.Token));
            if (j.Partition.AccountFormat?.Contains("{project}") == true && pipeline.Project is null)
                errors.Add($"project: profile {profile.Name} needs one for its account format '{j.Partition.AccountFormat}'");
            var script = Path.Combine(run.JobsDirectory, j.Stage.ScriptName());
            if (!File.Exists(script)) errors.Add($"stages.{j.Stage.Id()}: job script {script} not found");
        }
        errors.AddRange(ProfileLimits.Check(profile.Name, jobs));
        if (errors.Count > 0)
            throw HoptException.Usage($"pipeline {pipeline.Name} on profile {profile.Name} cannot be submitted:\n  - "
                                      + string.Join("\n  - ", errors.Distinct()));
        var order = jobs.Select(j => j.Stage).ToList();
        var stages = jobs.Zip(enabled, (j, e) => new PlannedStage(
            j, SbatchArguments.Build(j, run), Dependency.For(j.Stage, order), e.Spec.Config)).ToList();
        return new ChainPlan(profile, pipeline, run, stages);
    }
}
