using HOptimus.Core;
using HOptimus.Training.Options;
using Serilog;

namespace HOptimus.Training.Tests;

/// <summary>The vit-tiny CI recipe, loaded as hopt-train loads it, with overrides, on a run folder of test shards.</summary>
public static class TinyRun
{
    public static TrainerOptions Options(params string[] overrides) =>
        TrainConfig.Load(null, [RecipePath("vit-tiny-cpu-ci")], overrides, null).Train;

    public static string RecipePath(string name) =>
        Path.Combine(TestTiles.RepoRoot, "src", "HOptimus.Training", "Recipes", name + ".json");

    public static TrainerContext Context(string run, ILogger? log = null) =>
        new(new RunDirectory(run).Create(), log ?? new LoggerConfiguration().WriteTo.Console().CreateLogger());
}
