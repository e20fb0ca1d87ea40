using HOptimus.Core;
using HOptimus.Slurm.Status;
using HOptimus.Slurm.Submission;

namespace HOptimus.Cli.Verbs;

/// <summary>`hopt status &lt;run&gt;`.</summary>
public static class StatusCommand
{
    public static int Run(StatusOptions o)
    {
        Cli.RejectConfig(o, "status");
        var run = RunChain.Load(o.Run);
        if (o.PrintConfig)
        {
            Cli.PrintJson(run.Chain);
            return ExitCodes.Done;
        }
        if (o.DryRun)
        {
            Console.WriteLine(ShellQuote.Join("sacct", Slurm.Accounting.SacctQuery.ForJobs(run.Chain.AllJobIds)));
            Console.WriteLine(ShellQuote.Join("squeue", SqueueParser.Arguments(run.Chain.Stages.Select(s => s.Current.JobId))));
            return ExitCodes.Done;
        }
        var stages = ChainObserver.Observe(run.Chain, run.Slurm(Cli.Logger(o)));
        Console.Write(StatusTable.Render(run.Chain.Name, stages));
        return ExitCodes.Done;
    }
}
