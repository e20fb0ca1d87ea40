using HOptimus.Core;
using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Resubmission;
using HOptimus.Slurm.Status;

namespace HOptimus.Cli.Verbs;

/// <summary>`hopt resubmit &lt;run&gt;`: prints the decision for every stage, then what it submitted.</summary>
public static class ResubmitCommand
{
    public static int Run(ResubmitOptions o)
    {
        Cli.RejectConfig(o, "resubmit");
        var run = RunChain.Load(o.Run);
        if (o.PrintConfig)
        {
            Cli.PrintJson(run.Chain);
            return ExitCodes.Done;
        }
        var log = Cli.Logger(o);
        var slurm = run.Slurm(log);
        var statuses = ChainObserver.Observe(run.Chain, slurm);
        var plan = ResubmitPlanner.Plan(run.Chain, statuses, o.RetryFailed);
        foreach (var a in plan)
            Console.WriteLine($"{a.Stage.Id(),-12} {a.Kind.ToString().ToLowerInvariant(),-9} {a.Why}"
                              + (a.ArrayTasks is { } t ? $" (array tasks {string.Join(",", t)})" : ""));
        var (_, lines) = new Resubmitter(slurm, log).Run(run.Chain, plan, statuses, o.DryRun);
        Console.WriteLine(lines.Count == 0 ? "nothing to resubmit" : (o.DryRun ? "would submit:\n" : "submitted:\n") + string.Join("\n", lines));
        return plan.Any(a => a.Kind == ResubmitKind.Blocked) ? ExitCodes.Partial : ExitCodes.Done;
    }
}
