using HOptimus.Core;
using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Profiles;
using HOptimus.Slurm.Submission;

namespace HOptimus.Cli.Verbs;

/// <summary>`hopt submit`: plan and check the chain, write the run's configs, submit it, record jobs.json.</summary>
public static class SubmitCommand
{
    public static int Run(SubmitOptions o)
    {
        var repo = RepoLayout.Find();
        var profile = ClusterProfile.Load(o.Profile, repo.Profiles);
        var pipeline = PipelineLoader.Load(o.Pipeline, o.ConfigFiles, o.Overrides);
        if (o.PrintConfig)
        {
            Cli.PrintJson(new { profile, pipeline });
            return ExitCodes.Done;
        }
        var plan = ChainPlan.Build(profile, pipeline, o.Jobs ?? repo.Jobs);
        if (o.DryRun)
        {
            Console.Write(DryRun.Render(plan, repo.Root));
            return ExitCodes.Done;
        }
        var log = Cli.Logger(o);
        var slurm = Cli.Slurm(profile.SubmitRetry, log, repo.Root);
        var chain = new ChainSubmitter(slurm, log).Submit(plan);
        Console.WriteLine($"run {chain.Name}: {chain.RunDirectory}");
        foreach (var s in chain.Stages)
            Console.WriteLine($"  {s.Stage.Id(),-12} job {s.Current.JobId,-10} {s.Current.Dependency ?? ""}");
        Console.WriteLine($"follow it with: hopt status {ShellQuote.Quote(chain.RunDirectory)}");
        return ExitCodes.Done;
    }
}
