using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Profiles;
using HOptimus.Slurm.Submission;

namespace HOptimus.Slurm.Tests.Support;

/// <summary>The repository's real profiles and pipelines, test data files, and small helpers.</summary>
public static class Fixtures
{
    public static string RepoRoot { get; } = FindRoot();
    public static string Profiles => Path.Combine(RepoRoot, "jobs", "profiles");
    public static string TestData => Path.Combine(AppContext.BaseDirectory, "TestData");
    public static string GoldenSource => Path.Combine(RepoRoot, "tests", "HOptimus.Slurm.Tests", "Golden");

    public static ClusterProfile Profile(string name) => ClusterProfile.Load(name, Profiles);

    public static string Data(string file) => File.ReadAllText(Path.Combine(TestData, file));

    public static SlurmClient Client(FakeSlurmRunner runner, int retries = 3) =>
        new(runner, new RetryOptions(retries, 0.001, 0.002), Serilog.Core.Logger.None);

    /// <summary>A folder of stand-in job scripts (the real ones belong to the stage helpers).</summary>
    public static string JobsFolder()
    {
        var dir = Path.Combine(Scratch, Guid.NewGuid().ToString("N")[..8], "jobs");
        Directory.CreateDirectory(dir);
        foreach (var s in StageNames.InOrder)
            File.WriteAllText(Path.Combine(dir, s.ScriptName()), $"#!/bin/bash\n#SBATCH --time=00:05:00\necho {s.Id()}\n");
        return dir;
    }

    public static string NewRunDirectory(string name = "run") => Path.Combine(Scratch, Guid.NewGuid().ToString("N")[..8], name);

    /// <summary>This test process's temp folder, removed after the run (TempCleanup).</summary>
    public static string Scratch { get; } = Path.Combine(Path.GetTempPath(), "hopt-slurm-tests", Environment.ProcessId.ToString());

    /// <summary>A 4-stage pipeline (pack array, train, consolidate, eval, report), the shape of the demo.</summary>
    public static PipelineSpec Pipeline(string runDirectory, string project = "abc") => new()
    {
        Name = "seed1",
        RunDirectory = runDirectory,
        Project = project,
        Stages = new PipelineStages
        {
            Pack = new StageSpec { ArrayTasks = 8, ArrayConcurrency = 2, TimeMinutes = 120, CpusPerTask = 8 },
            Train = new StageSpec { Nodes = 2, TimeMinutes = 20 * 60, SignalMarginSeconds = 300 },
            Consolidate = new StageSpec { TimeMinutes = 60, MemoryGiB = 64 },
            Eval = new StageSpec { GpusPerNode = 1, TasksPerNode = 1, TimeMinutes = 120 },
            Report = new StageSpec { TimeMinutes = 10 },
        },
    };

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HOptimus.Hpc.sln"))) return dir.FullName;
        throw new InvalidOperationException("no HOptimus.Hpc.sln above the test folder");
    }
}
