using System.Text;
using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Submission;

namespace HOptimus.Cli.Verbs;

/// <summary>
/// What `hopt submit --dry-run` prints: per stage, the script exactly as sbatch will read it, the
/// config file the executable will get, and the sbatch command with the variables set in its
/// environment (dependencies on job ids not known yet are shown as $PACK_JOB etc.).
/// </summary>
public static class DryRun
{
    public static string Render(ChainPlan plan, string submitDirectory)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# hopt submit --dry-run: run {plan.Pipeline.Name} on profile {plan.Profile.Name}; nothing is submitted");
        sb.AppendLine($"# run directory: {plan.Run.Directory}");
        sb.AppendLine($"cd {ShellQuote.Quote(submitDirectory)}");
        foreach (var stage in plan.Stages)
        {
            var id = stage.Stage.Id();
            sb.AppendLine();
            sb.AppendLine($"# ===== {id}: {stage.ScriptPath}");
            foreach (var line in File.ReadAllLines(stage.ScriptPath)) sb.AppendLine($"#| {line}");
            sb.AppendLine($"# ----- {RunFiles.ConfigPath(plan.Run.Directory, stage.Stage)}");
            foreach (var line in RunFiles.ConfigText(stage).TrimEnd().Split('\n')) sb.AppendLine($"#| {line}");
            var dependency = stage.Dependency?.Render(s => $"${s.Id().ToUpperInvariant()}_JOB");
            var command = ShellQuote.Command(stage.Environment(plan.Run), "sbatch", SbatchArguments.WithDependency(stage.Arguments, dependency));
            // Dependencies stay expandable in the printed line: $PACK_JOB is meant to be filled in.
            if (dependency is not null) command = command.Replace($"'{dependency}'", $"\"{dependency}\"");
            sb.AppendLine($"{id.ToUpperInvariant()}_JOB=$({command})");
        }
        return sb.ToString();
    }
}
