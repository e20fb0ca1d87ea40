using System.Globalization;
using HOptimus.Core;
using Serilog;

namespace HOptimus.Consolidate;

/// <summary>hopt-consolidate export: checkpoint step → exports/&lt;name&gt;/ (teacher backbone, timm keys).</summary>
public static class Consolidator
{
    public static int Run(ExportCommandLine cli, ConsolidateOptions options)
    {
        if (cli.PrintConfig)
        {
            Console.WriteLine(Json.Serialize(new Dictionary<string, object> { [ConsolidateOptions.Section] = options }));
            return ExitCodes.Done;
        }
        var run = new RunDirectory(cli.Run);
        if (!Directory.Exists(run.Root)) throw HoptException.Usage($"--run {cli.Run}: run directory not found");
        var log = Log.Logger = Logging.Create("hopt-consolidate", SlurmEnvironment.FromEnvironment(), run.Logs, cli.Verbose);
        var checkpoint = cli.Checkpoint is not null ? CheckpointReader.Verify(cli.Checkpoint)
            : options.Step is { } step ? CheckpointReader.Verify(CheckpointReader.StepDirectory(run.Checkpoints, step))
            : CheckpointReader.Newest(run.Checkpoints, log);
        var name = options.Name ?? $"teacher-step-{checkpoint.Manifest.Step:D6}";
        var exportDir = ExportPipeline.ExportDirectory(run, name, options.Overwrite);
        log.Information("Checkpoint {Checkpoint} (step {Step}, world size {World}, {Model}) is valid",
            checkpoint.Directory, checkpoint.Manifest.Step, checkpoint.Manifest.WorldSize, checkpoint.Model.Name);
        if (cli.DryRun)
        {
            Console.WriteLine($"dry run: would export the teacher of {checkpoint.Directory} to {exportDir} " +
                              $"({options.DType}, verify {options.Verify})");
            return ExitCodes.Done;
        }
        var weights = TeacherWeights.Read(checkpoint);
        var source = new Dictionary<string, string>
        {
            ["kind"] = "checkpoint",
            ["checkpoint"] = Path.GetFullPath(checkpoint.Directory),
            ["step"] = checkpoint.Manifest.Step.ToString(CultureInfo.InvariantCulture),
            ["worldSize"] = checkpoint.Manifest.WorldSize.ToString(CultureInfo.InvariantCulture),
            ["checkpointModelSha256"] = checkpoint.Manifest.Files.First(f => f.Name == CheckpointManifest.ModelFile).Sha256,
        };
        ExportPipeline.Write(exportDir, checkpoint.Model, weights, options, source, log);
        return ExitCodes.Done;
    }
}
