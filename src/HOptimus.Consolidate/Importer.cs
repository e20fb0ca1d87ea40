using HOptimus.Core;
using HOptimus.Model;
using Serilog;
using static TorchSharp.torch;

namespace HOptimus.Consolidate;

/// <summary>
/// hopt-consolidate import: an external timm ViT safetensors file → the same export layout, so eval compares
/// external backbones with the same code. Keys and shapes must be exactly the preset's; a classifier head
/// (head.weight/head.bias), which a backbone export never has, is dropped with a note.
/// </summary>
public static class Importer
{
    private static readonly string[] ClassifierKeys = ["head.weight", "head.bias"];

    public static int Run(ImportCommandLine cli, ConsolidateOptions options)
    {
        var config = ViTConfig.Preset(cli.Arch);
        if (cli.ImageSize is { } size) config = config with { ImageSize = size };
        config.Validated();
        if (cli.PrintConfig)
        {
            Console.WriteLine(Json.Serialize(new Dictionary<string, object> { [ConsolidateOptions.Section] = options, ["model"] = config }));
            return ExitCodes.Done;
        }
        var run = new RunDirectory(cli.Run);
        if (!Directory.Exists(run.Root)) throw HoptException.Usage($"--run {cli.Run}: run directory not found");
        var log = Log.Logger = Logging.Create("hopt-consolidate", SlurmEnvironment.FromEnvironment(), run.Logs, cli.Verbose);
        var header = SafetensorsFile.ReadHeader(cli.Timm);
        var shapes = header.Entries.Where(e => !ClassifierKeys.Contains(e.Name)).ToDictionary(e => e.Name, e => e.Shape);
        var problems = TimmKeys.Mismatches(config, shapes);
        if (problems.Count > 0)
            throw HoptException.BadInput($"{cli.Timm}: not a timm {config.TimmArchitecture} at {config.ImageSize} px ({cli.Arch}):\n  - " +
                                         string.Join("\n  - ", problems.Take(20)));
        if (header.Entries.Any(e => ClassifierKeys.Contains(e.Name))) log.Information("Dropping the classifier head of {File}", cli.Timm);
        var name = options.Name ?? Path.GetFileNameWithoutExtension(cli.Timm).Replace('.', '-');
        var exportDir = ExportPipeline.ExportDirectory(run, name, options.Overwrite);
        if (cli.DryRun)
        {
            Console.WriteLine($"dry run: would import {cli.Timm} as {cli.Arch} into {exportDir} ({options.DType}, verify {options.Verify})");
            return ExitCodes.Done;
        }
        var weights = SafetensorsFile.Read(cli.Timm, shapes.ContainsKey)
            .ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.Float32));
        var source = new Dictionary<string, string>
        {
            ["kind"] = "timm-import",
            ["file"] = Path.GetFullPath(cli.Timm),
            ["fileSha256"] = Checksums.Sha256File(cli.Timm),
            ["arch"] = cli.Arch,
        };
        ExportPipeline.Write(exportDir, config, weights, options, source, log);
        return ExitCodes.Done;
    }
}
