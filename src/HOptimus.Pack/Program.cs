using CommandLine;
using HOptimus.Core;
using HOptimus.Pack;

// hopt-pack --run <run> --config <run>/config/pack.json [--slides list.csv] [--task i --tasks N] [--set Pack:Key=value]
return EntryPoint.Parser.ParseArguments<PackCommandLine>(args).MapResult(
    cli => EntryPoint.Guard("hopt-pack", () =>
    {
        var options = ConfigLoader.Load<PackOptions>(cli.ConfigFiles, cli.AllOverrides(), section: "Pack");
        if (cli.PrintConfig)
        {
            Console.WriteLine(Json.Serialize(new { Pack = options }));
            return ExitCodes.Done;
        }
        var slurm = SlurmEnvironment.FromEnvironment();
        var share = TaskShare.Resolve(options.Task, options.Tasks, slurm);
        var run = new RunDirectory(Path.GetFullPath(cli.Run));
        if (cli.DryRun) return DryRun.Print(options, share, run);
        run.Create();
        Serilog.Log.Logger = Logging.Create("pack", slurm, run.Logs, cli.Verbose);
        using var signal = ShutdownSignal.Install();
        return new PackRunner(options, run, share, Serilog.Log.Logger, signal).Run();
    }),
    EntryPoint.ParseFailed);
