using CommandLine;
using HOptimus.Core;

namespace HOptimus.Cli.Verbs;

[Verb("resubmit", HelpText = "Run again the stages of a run that were cut short (TIMEOUT, PREEMPTED, NODE_FAIL, cancelled, requeue cap), from the last checkpoint; finished stages are left alone, and a second call submits nothing.")]
public sealed class ResubmitOptions : CommonOptions
{
    [Value(0, MetaName = "run", Required = true, HelpText = "Run directory (holds jobs.json).")]
    public string Run { get; set; } = "";

    [Option("retry-failed", HelpText = "Also run again stages that failed for their own reasons (a real exit code, out of memory), once you have fixed the cause.")]
    public bool RetryFailed { get; set; }
}
