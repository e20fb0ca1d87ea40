using CommandLine;
using HOptimus.Core;

namespace HOptimus.Consolidate;

[Verb("export", isDefault: true, HelpText = "Export a checkpoint's teacher backbone as timm-keyed safetensors (the default verb).")]
public sealed class ExportCommandLine : CommonOptions
{
    [Option("run", Required = true, HelpText = "Run directory: reads checkpoints/, writes exports/<name>/.")]
    public string Run { get; set; } = "";

    [Option("checkpoint", HelpText = "A checkpoint step folder to export instead of the run's newest valid step.")]
    public string? Checkpoint { get; set; }
}
