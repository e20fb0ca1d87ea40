using CommandLine;
using HOptimus.Core;

namespace HOptimus.Train;

/// <summary>hopt-train's flags: the shared ones plus the run folder, a named recipe and the device.</summary>
public sealed class TrainCommandLine : CommonOptions
{
    [Option("run", Required = true, HelpText = "Run directory (tiles/ inside it; checkpoints/, metrics.jsonl and logs/ are written there).")]
    public string Run { get; set; } = "";

    [Option("recipe", HelpText = "Named recipe shipped beside the executable (Recipes/<name>.json), applied before --config.")]
    public string? Recipe { get; set; }

    [Option("device", HelpText = "cpu or cuda:N; overrides Train:Device.")]
    public string? Device { get; set; }
}
