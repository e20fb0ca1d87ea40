using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Submission;

namespace HOptimus.Slurm.Tests.Support;

/// <summary>A recorded 5-stage chain (jobs 300..340), as `hopt submit` writes it to jobs.json.</summary>
public static class Chains
{
    public static ChainRecord Seed(string runDirectory) => new()
    {
        Name = "seed1",
        RunDirectory = runDirectory,
        Profile = "local",
        Account = "hopt",
        Stages =
        [
            Record(Stage.Pack, "300", null, "--array=0-1%2") with { ArrayTasks = 2 },
            Record(Stage.Train, "310", "afterok:300"),
            Record(Stage.Consolidate, "320", "afterok:310"),
            Record(Stage.Eval, "330", "afterok:320"),
            Record(Stage.Report, "340", "afterany:300:310:320:330"),
        ],
    };

    private static StageRecord Record(Stage stage, string id, string? dependency, string? array = null) => new()
    {
        Stage = stage,
        MaxRequeues = 3,
        Jobs =
        [
            new JobAttempt
            {
                JobId = id,
                Dependency = dependency,
                Environment = new Dictionary<string, string> { ["HOPT_RUN"] = "/runs/seed1", ["HOPT_PROFILE"] = "local" },
                Arguments = new[] { "--parsable", $"--job-name=seed1.{stage.Id()}", array, dependency is null ? null : $"--dependency={dependency}", $"/jobs/{stage.ScriptName()}" }
                    .OfType<string>().ToList(),
            },
        ],
    };
}
