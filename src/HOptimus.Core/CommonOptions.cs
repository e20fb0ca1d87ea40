using CommandLine;

namespace HOptimus.Core;

/// <summary>Flags every executable shares: recipe files, overrides, dry run and config printing.</summary>
public abstract class CommonOptions
{
    [Option('c', "config", HelpText = "JSON config/recipe file(s), later ones override earlier ones.")]
    public IEnumerable<string> ConfigFiles { get; set; } = [];

    [Option("set", HelpText = "Override a config key: --set Section:Key=value (repeatable).")]
    public IEnumerable<string> Overrides { get; set; } = [];

    [Option("dry-run", HelpText = "Resolve and validate everything, print what would be done, do nothing.")]
    public bool DryRun { get; set; }

    [Option("print-config", HelpText = "Print the resolved config as JSON and exit.")]
    public bool PrintConfig { get; set; }

    [Option('v', "verbose", HelpText = "Debug-level logs.")]
    public bool Verbose { get; set; }
}
