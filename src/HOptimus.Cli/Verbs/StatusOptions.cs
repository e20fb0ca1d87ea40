using CommandLine;
using HOptimus.Core;

namespace HOptimus.Cli.Verbs;

[Verb("status", HelpText = "The chain of a run as a table: state, reason, elapsed, restarts and job ids per stage (squeue + sacct).")]
public sealed class StatusOptions : CommonOptions
{
    [Value(0, MetaName = "run", Required = true, HelpText = "Run directory (holds jobs.json).")]
    public string Run { get; set; } = "";
}
