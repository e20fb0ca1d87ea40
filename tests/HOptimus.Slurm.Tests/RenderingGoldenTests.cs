using HOptimus.Slurm.Submission;
using HOptimus.Slurm.Tests.Support;

namespace HOptimus.Slurm.Tests;

/// <summary>
/// Golden files of the rendered sbatch commands for the real profiles (jobs/profiles/*.json). A
/// change in flags shows up as a diff; HOPT_UPDATE_GOLDEN=1 rewrites the files in the source tree.
/// </summary>
public class RenderingGoldenTests
{
    [TestCase("jean-zay-h100")]
    [TestCase("local")]
    public void Rendered_sbatch_commands_match_the_golden_file(string profile)
    {
        var jobs = Fixtures.JobsFolder();
        var plan = ChainPlan.Build(Fixtures.Profile(profile), Fixtures.Pipeline("/scratch/abc/runs/seed1", "abc") with
        {
            Stages = profile == "local"
                ? Fixtures.Pipeline("/x").Stages with
                {
                    Pack = new() { ArrayTasks = 4, ArrayConcurrency = 2, TimeMinutes = 10 },
                    Train = new() { GpusPerNode = 2, TimeMinutes = 30, SignalMarginSeconds = 60 },
                    Consolidate = new() { TimeMinutes = 10 },
                }
                : Fixtures.Pipeline("/x").Stages,
        }, jobs);
        var text = string.Join("\n", plan.Stages.Select(s =>
            ShellQuote.Command(s.Environment(plan.Run), "sbatch", SbatchArguments.WithDependency(s.Arguments, s.Dependency?.Render(d => $"<{d}>"))))) + "\n";
        text = text.Replace(jobs, "<jobs>");
        Golden.Check($"sbatch-{profile}.txt", text);
    }
}
