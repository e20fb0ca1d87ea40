using System.Text.Json;
using HOptimus.Core;
using HOptimus.Slurm.Pipelines;

namespace HOptimus.Slurm.Submission;

/// <summary>
/// What a run folder holds before its first job starts: run.json (the resolved pipeline and profile,
/// versions) and config/&lt;stage&gt;.json, the only channel from a pipeline file to an executable.
/// </summary>
public static class RunFiles
{
    public static string ConfigPath(string runDirectory, Stage stage) =>
        Path.Combine(runDirectory, "config", stage.Id() + ".json");

    public static string ConfigText(PlannedStage stage) =>
        stage.Config is { } c ? JsonSerializer.Serialize(c, Json.Options) + "\n" : "{}\n";

    public static void Write(ChainPlan plan)
    {
        var run = new RunDirectory(plan.Run.Directory).Create();
        foreach (var stage in plan.Stages)
            AtomicFile.WriteAllText(ConfigPath(run.Root, stage.Stage), ConfigText(stage));
        Json.WriteAtomic(run.RunJson, new
        {
            name = plan.Pipeline.Name,
            createdAt = DateTimeOffset.UtcNow,
            hoptVersion = BuildInfo.Version,
            gitSha = BuildInfo.GitSha,
            profile = plan.Profile,
            pipeline = plan.Pipeline,
        });
    }
}
