using HOptimus.Integration.Tests.Support;

namespace HOptimus.Integration.Tests.Training;

/// <summary>hopt-train as the jobs/ scripts run it: published, signalled and killed as Slurm would.</summary>
public class TrainPreemptionTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static string Checkpoint(string run, int step) => Path.Combine(run, "checkpoints", $"step-{step:D6}");

    [Test]
    public void Usr2CheckpointsAtTheNextStepBoundaryAndExits75ThenTheRunResumes()
    {
        var run = TrainProcess.NewRun("train-usr2");
        string[] sets = ["TotalSteps=400", "Checkpoint:EverySteps=1000", "LogEverySteps=2"];
        int stoppedAt;
        using (var train = new TrainProcess(run, sets))
        {
            train.WaitFor("step 4/400", Minute);
            train.Signal(TrainProcess.SIGUSR2);
            Assert.That(train.WaitForExit(Minute), Is.EqualTo(75), train.Output);
            Assert.That(train.Output, Does.Contain("Stop requested (WallClock)"));
            var folders = Directory.GetDirectories(Path.Combine(run, "checkpoints")).Select(Path.GetFileName).ToList();
            Assert.That(folders, Has.Count.EqualTo(1), "one checkpoint, at the stop");
            stoppedAt = int.Parse(folders[0]!["step-".Length..]);
            Assert.That(File.Exists(Path.Combine(Checkpoint(run, stoppedAt), "manifest.json")), Is.True);
        }
        using (var again = new TrainProcess(run, ["TotalSteps=400", "Checkpoint:EverySteps=1000", "LogEverySteps=2"]))
        {
            again.WaitFor($"at step {stoppedAt}", Minute);
            again.Signal(TrainProcess.SIGTERM);
            Assert.That(again.WaitForExit(Minute), Is.EqualTo(75), again.Output);
        }
    }

    [Test]
    public void Kill9DuringACheckpointWriteLeavesThePreviousOneValid()
    {
        var run = TrainProcess.NewRun("train-kill9");
        string[] sets = ["TotalSteps=20", "Checkpoint:EverySteps=5", "Checkpoint:KeepLast=5"];
        var first = Processes.Run(Repo.Published("hopt-train"), TrainProcess.Args(run, [.. sets, "TotalSteps=10"]), Minute * 3);
        Assert.That(first.ExitCode, Is.Zero, first.Output);

        var pause = new Dictionary<string, string> { ["HOPTIMUS_TEST_CHECKPOINT_PAUSE_SECONDS"] = "120" };
        using (var train = new TrainProcess(run, sets, pause))
        {
            train.WaitFor("checkpoint-write-paused", Minute * 2);
            Assert.That(train.Output, Does.Contain("step-000010"), "resumed from step 10");
            train.Signal(TrainProcess.SIGKILL);
            train.WaitForExit(Minute);
        }
        Assert.That(Directory.Exists(Checkpoint(run, 15) + ".tmp"), Is.True, "killed while writing step 15");
        Assert.That(Directory.Exists(Checkpoint(run, 15)), Is.False);
        Assert.That(File.Exists(Path.Combine(Checkpoint(run, 10), "manifest.json")), Is.True);

        var resumed = Processes.Run(Repo.Published("hopt-train"), TrainProcess.Args(run, sets), Minute * 3);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Output);
        Assert.That(resumed.Output, Does.Contain("step-000010").And.Contain("at step 10"));
        Assert.That(Directory.Exists(Checkpoint(run, 15) + ".tmp"), Is.False, "the torn temp folder is cleared");
        Assert.That(File.Exists(Path.Combine(Checkpoint(run, 20), "manifest.json")), Is.True);
    }

    [Test]
    public void ASecondTermDuringACheckpointExitsAtOnceWithoutTouchingTheLastGoodOne()
    {
        var run = TrainProcess.NewRun("train-term2");
        var pause = new Dictionary<string, string> { ["HOPTIMUS_TEST_CHECKPOINT_PAUSE_SECONDS"] = "120" };
        using var train = new TrainProcess(run, ["TotalSteps=400", "Checkpoint:EverySteps=1000"], pause);
        train.WaitFor("step 5/400", Minute);
        train.Signal(TrainProcess.SIGTERM);
        train.WaitFor("checkpoint-write-paused", Minute);
        train.Signal(TrainProcess.SIGTERM);
        Assert.That(train.WaitForExit(Minute), Is.EqualTo(143), train.Output);
        Assert.That(Directory.GetDirectories(Path.Combine(run, "checkpoints")).All(d => d.EndsWith(".tmp")), Is.True,
                    "no half-written checkpoint is ever visible as valid");
    }
}
