using CommandLine;
using HOptimus.Core;

namespace HOptimus.Evaluate;

/// <summary>hopt-eval's flags beyond the common ones (--config, --set, --dry-run, --print-config, -v).</summary>
public sealed class EvalCommandLine : CommonOptions
{
    [Option("run", Required = true, HelpText = "Run directory: relative paths of the config resolve here; results go to <run>/eval/.")]
    public string Run { get; set; } = "";

    [Option("backbone", HelpText = "A backbone to compare, name=path (export folder or .safetensors) or name=random:<preset>; repeatable, added to the config's.")]
    public IEnumerable<string> Backbones { get; set; } = [];
}
