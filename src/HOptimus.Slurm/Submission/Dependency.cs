using HOptimus.Slurm.Pipelines;

namespace HOptimus.Slurm.Submission;

/// <summary>
/// How a stage waits on earlier ones: afterok for the work (a failure cancels the rest, thanks to
/// --kill-on-invalid-dep=yes), afterany for the report, which must run whatever happened.
/// </summary>
public sealed record Dependency(string Type, IReadOnlyList<Stage> On)
{
    public string Render(Func<Stage, string> jobIdOf) =>
        $"--dependency={Type}:{string.Join(':', On.Select(jobIdOf))}";

    /// <summary>The chain's wiring: each work stage after the previous enabled one, the report after all.</summary>
    public static Dependency? For(Stage stage, IReadOnlyList<Stage> enabled)
    {
        var before = enabled.TakeWhile(s => s != stage).ToList();
        if (before.Count == 0) return null;
        return stage == Stage.Report
            ? new Dependency("afterany", before)
            : new Dependency("afterok", [before.Last(s => s != Stage.Report)]);
    }
}
