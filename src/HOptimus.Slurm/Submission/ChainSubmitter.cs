using HOptimus.Core;
using HOptimus.Slurm.Pipelines;
using Serilog;

namespace HOptimus.Slurm.Submission;

/// <summary>
/// Submits a planned chain stage by stage, each depending on the job ids just returned. Any failure
/// (Slurm's refusal, the retry budget spent, an empty or garbled id) stops the chain and cancels what
/// was already queued: a half chain would spend hours on work nothing consumes.
/// </summary>
public sealed class ChainSubmitter(SlurmClient slurm, ILogger log)
{
    public ChainRecord Submit(ChainPlan plan)
    {
        var run = new RunDirectory(plan.Run.Directory);
        // A chain that was stopped and fully cancelled may be submitted again in the same folder.
        if (File.Exists(run.JobsJson) && ChainRecord.Read(run.Root).Stages.Any(s => s.Current.State != "cancelled"))
            throw HoptException.Usage($"{run.JobsJson} exists: this run was already submitted (use `hopt resubmit {run.Root}` or another runDirectory)");
        RunFiles.Write(plan);
        var ids = new Dictionary<Stage, JobId>();
        var records = new List<StageRecord>();
        var record = new ChainRecord
        {
            Name = plan.Pipeline.Name,
            RunDirectory = plan.Run.Directory,
            Profile = plan.Profile.Name,
            Account = plan.Stages.Select(s => s.Job.Account).FirstOrDefault(a => a is not null),
        };
        foreach (var stage in plan.Stages)
        {
            var dependency = stage.Dependency?.Render(s => ids[s].ToString());
            var arguments = SbatchArguments.WithDependency(stage.Arguments, dependency);
            try
            {
                ids[stage.Stage] = slurm.Submit(stage.Stage.Id(), arguments, stage.Environment(plan.Run));
            }
            catch (HoptException e)
            {
                throw Abort(record with { Stages = records }, run, stage.Stage, e);
            }
            log.Information("{Stage}: job {JobId} {Dependency}", stage.Stage.Id(), ids[stage.Stage], dependency ?? "");
            records.Add(new StageRecord
            {
                Stage = stage.Stage,
                ArrayTasks = stage.Job.ArrayTasks,
                MaxRequeues = stage.Job.MaxRequeues,
                Jobs = [new JobAttempt
                {
                    JobId = ids[stage.Stage].ToString(),
                    Dependency = dependency?["--dependency=".Length..],
                    SubmittedAt = DateTimeOffset.UtcNow,
                    Arguments = arguments,
                    Environment = stage.Environment(plan.Run),
                }],
            });
            (record with { Stages = records }).Write(run.JobsJson);
        }
        return record with { Stages = records };
    }

    private HoptException Abort(ChainRecord partial, RunDirectory run, Stage failed, HoptException cause)
    {
        var queued = partial.Stages.Select(s => new JobId(long.Parse(s.Current.JobId))).ToList();
        var cancelled = slurm.Cancel(queued);
        var marked = partial with
        {
            Stages = partial.Stages.Select(s => s with { Jobs = [s.Current with { State = cancelled ? "cancelled" : "cancel-failed" }] }).ToList(),
        };
        if (queued.Count > 0) marked.Write(run.JobsJson);
        var what = queued.Count == 0 ? "nothing was queued"
            : cancelled ? $"cancelled the jobs already queued ({string.Join(", ", queued)})"
            : $"COULD NOT cancel the jobs already queued ({string.Join(", ", queued)}): run scancel on them";
        return new HoptException($"{failed.Id()}: {cause.Message}\nchain stopped; {what}", cause.ExitCode, cause);
    }
}
