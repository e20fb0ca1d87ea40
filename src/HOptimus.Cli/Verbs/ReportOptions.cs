using CommandLine;
using HOptimus.Core;

namespace HOptimus.Cli.Verbs;

[Verb("report", HelpText = "Allocation hours from sacct, charged by the GPU rule (GPUs x elapsed, CPU share, whole nodes when multi-node): by job, stage, run and user, against the allocation; writes markdown, CSV and a burn-down PNG.")]
public sealed class ReportOptions : CommonOptions
{
    [Option("account", HelpText = "Slurm account (Jean Zay: <project>@h100). Default: the run's, or the config's.")]
    public string? Account { get; set; }

    [Option("allocation", HelpText = "Allocation, GPU-hours: adds hours left, burn rate and the projected exhaustion date.")]
    public double? Allocation { get; set; }

    [Option("from", HelpText = "Window start (yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss, local time). Default: the run's first submission, else 30 days ago.")]
    public string? From { get; set; }

    [Option("to", HelpText = "Window end (same formats). Default: now.")]
    public string? To { get; set; }

    [Option("run", HelpText = "Only the jobs of this run directory (its jobs.json, every resubmission included).")]
    public string? Run { get; set; }

    [Option("profile", HelpText = "Cluster profile whose GPU nodes set the charge rule. Default: the run's, or the config's.")]
    public string? Profile { get; set; }

    [Option("out", HelpText = "Output folder for report.md, report.csv, burndown.png. Default: <run>/report, else ./hopt-report.")]
    public string? Out { get; set; }
}
