using HOptimus.Core;
using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Status;
using HOptimus.Slurm.Submission;
using Serilog;

namespace HOptimus.Slurm.Resubmission;

/// <summary>
/// Carries out a resubmission plan: each stage again with its recorded sbatch arguments, behind the
/// new upstream jobs (only stages still queued, running or just resubmitted: a finished job may have
/// left the controller's memory, and a dependency on it would be refused). Recorded in jobs.json.
/// </summary>
public sealed class Resubmitter(SlurmClient slurm, ILogger log)
{
    /// <summary>Submits the plan; returns the updated chain and one line per new job (empty: nothing to do).</summary>
    public (ChainRecord Chain, IReadOnlyList<string> Lines) Run(
        ChainRecord chain, IReadOnlyList<ResubmitAction> plan, IReadOnlyList<StageStatus> statuses, bool dryRun)
    {
        var newIds = new Dictionary<Stage, string>();
        var lines = new List<string>();
        var stages = chain.Stages.ToList();
        var order = stages.Select(s => s.Stage).ToList();
        foreach (var action in plan.Where(a => a.Kind == ResubmitKind.Resubmit))
        {
            var index = stages.FindIndex(s => s.Stage == action.Stage);
            var record = stages[index];
            var dependency = DependencyFlag(action.Stage, order, newIds, statuses, stages);
            var arguments = SbatchArguments.WithDependency(record.Current.Arguments, dependency);
            if (action.ArrayTasks is { Count: > 0 } tasks) arguments = SbatchArguments.WithArray(arguments, ArrayFlag(record, tasks));
            var note = action.Stage == Stage.Train
                ? CheckpointProbe.Newest(chain.RunDirectory) is { } ckpt ? $"; resumes from {Path.GetFileName(ckpt)}" : "; no valid checkpoint yet, starts from step 0"
                : "";
            if (dryRun)
            {
                newIds[action.Stage] = $"<{action.Stage.Id()}>";
                lines.Add($"{action.Stage.Id()}: {action.Why}{note}\n  {ShellQuote.Command(record.Current.Environment, "sbatch", arguments)}");
                continue;
            }
            JobId id;
            try
            {
                id = slurm.Submit(action.Stage.Id(), arguments, record.Current.Environment);
            }
            catch (HoptException e)
            {
                var submitted = newIds.Values.Select(v => new JobId(long.Parse(v))).ToList();
                slurm.Cancel(submitted);
                throw new HoptException($"{action.Stage.Id()}: {e.Message}\nresubmission stopped; cancelled {(submitted.Count == 0 ? "nothing" : string.Join(", ", submitted))}; jobs.json unchanged", e.ExitCode, e);
            }
            newIds[action.Stage] = id.ToString();
            log.Information("{Stage}: resubmitted as job {JobId} ({Why}{Note})", action.Stage.Id(), id, action.Why, note);
            lines.Add($"{action.Stage.Id()}: job {id} ({action.Why}{note})");
            stages[index] = record with
            {
                Jobs = [.. record.Jobs, new JobAttempt
                {
                    JobId = id.ToString(),
                    Dependency = dependency?["--dependency=".Length..],
                    SubmittedAt = DateTimeOffset.UtcNow,
                    Reason = "resubmit",
                    Arguments = arguments,
                    Environment = record.Current.Environment,
                }],
            };
        }
        var updated = chain with { Stages = stages };
        if (!dryRun && newIds.Count > 0) updated.Write(new RunDirectory(chain.RunDirectory).JobsJson);
        return (updated, lines);
    }

    private static string? DependencyFlag(Stage stage, List<Stage> order, Dictionary<Stage, string> newIds,
        IReadOnlyList<StageStatus> statuses, List<StageRecord> stages)
    {
        var wiring = Dependency.For(stage, order);
        if (wiring is null) return null;
        var ids = wiring.On.Select(up =>
                newIds.TryGetValue(up, out var fresh) ? fresh
                : statuses.FirstOrDefault(s => s.Stage == up)?.State.IsActive() == true ? stages.First(s => s.Stage == up).Current.JobId
                : null)
            .OfType<string>()
            .ToList();
        return ids.Count == 0 ? null : $"--dependency={wiring.Type}:{string.Join(':', ids)}";
    }

    private static string ArrayFlag(StageRecord record, IReadOnlyList<int> tasks)
    {
        var old = record.Current.Arguments.FirstOrDefault(a => a.StartsWith("--array=", StringComparison.Ordinal)) ?? "";
        var percent = old.IndexOf('%');
        return $"--array={string.Join(',', tasks)}" + (percent >= 0 ? old[percent..] : "");
    }
}
