using CommandLine;
using CommandLine.Text;
using HOptimus.Core;

namespace HOptimus.Cli.Verbs;

[Verb("submit", HelpText = "Submit a pipeline as a Slurm dependency chain (pack -> train -> consolidate -> eval -> report).")]
public sealed class SubmitOptions : CommonOptions
{
    [Option("profile", Required = true, HelpText = "Cluster profile: a name under jobs/profiles/ (jean-zay-h100, local) or a .json path.")]
    public string Profile { get; set; } = "";

    [Option("pipeline", Required = true, HelpText = "Pipeline file (jobs/pipelines/*.json); --config files are merged over it, --set keys (stages.train.nodes=2) last.")]
    public string Pipeline { get; set; } = "";

    [Option("jobs", HelpText = "Folder of the <stage>.sbatch scripts (default: <checkout>/jobs).")]
    public string? Jobs { get; set; }

    [Usage(ApplicationAlias = "hopt")]
    public static IEnumerable<Example> Examples =>
    [
        new("Show the exact scripts and sbatch commands, submit nothing",
            new SubmitOptions { Profile = "local", Pipeline = "jobs/pipelines/demo-tiny.json", DryRun = true }),
    ];
}
