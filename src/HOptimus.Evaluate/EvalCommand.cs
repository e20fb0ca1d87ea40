using HOptimus.Core;
using HOptimus.Evaluation;
using Serilog;

namespace HOptimus.Evaluate;

/// <summary>Resolves options from the command line and config, then prints them, describes the plan, or runs it.</summary>
public static class EvalCommand
{
    public static int Run(EvalCommandLine line)
    {
        var options = EvalOptions.Load(line.ConfigFiles, line.Overrides)
            .WithCommandLineBackbones(line.Backbones.Select(BackboneSpec.Parse));
        if (line.PrintConfig)
        {
            Console.WriteLine(options.ToConfigJson());
            return ExitCodes.Done;
        }
        var run = new RunDirectory(Path.GetFullPath(line.Run));
        if (!Directory.Exists(run.Root)) throw HoptException.Usage($"--run {run.Root}: no such run directory");
        Log.Logger = Logging.Create("hopt-eval", SlurmEnvironment.FromEnvironment(), line.DryRun ? null : run.Logs, line.Verbose);
        var runner = new EvalRunner(options, run, Log.Logger);
        if (line.DryRun)
        {
            Console.WriteLine(runner.Describe(runner.Plan()));
            return ExitCodes.Done;
        }
        using var shutdown = ShutdownSignal.Install();
        runner.Run(shutdown.Token);
        return ExitCodes.Done;
    }
}
