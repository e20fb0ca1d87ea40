using HOptimus.Core;
using HOptimus.Training.Checkpoints;
using HOptimus.Training.Metrics;
using static TorchSharp.torch;

namespace HOptimus.Training.Tests;

public class TrainerTests
{
    private static string s_tiles = "";

    [OneTimeSetUp]
    public void Shards()
    {
        var dir = TestTiles.NewDirectory("trainer-shards");
        TestTiles.WriteShards(dir);
        s_tiles = Path.Combine(dir, "tiles");
    }

    private static string[] Short(params string[] more) =>
        ["TotalSteps=12", "Checkpoint:EverySteps=4", "Checkpoint:KeepLast=5", "LogEverySteps=2", $"Data:ShardDirectory={s_tiles}", .. more];

    private static string Checkpoint(string run, long step) => Path.Combine(run, "checkpoints", CheckpointStore.FolderName(step));

    [Test]
    public void VitTinyLossFallsAndCollapseSignalsStayHealthy()
    {
        var run = TestTiles.NewDirectory("train");
        var outcome = new Trainer(TinyRun.Options($"Data:ShardDirectory={s_tiles}"), TinyRun.Context(run)).Run();
        Assert.That(outcome, Is.EqualTo(TrainOutcome.Completed));
        var rows = MetricsLog.Read(Path.Combine(run, "metrics.jsonl")).ToList();
        TestContext.Out.WriteLine(string.Join("\n", rows.Select(r => $"{r.Step} {r.Loss:F4} H={r.TeacherEntropy:F3} std={r.FeatureStd:F4} koleo={r.KoLeo:F4}")));
        Assert.That(rows.Select(r => r.Step), Is.EqualTo(new long[] { 5, 10, 15, 20, 25, 30, 35, 40 }));
        var lnK = Math.Log(256);
        Assert.Multiple(() =>
        {
            Assert.That(rows.TakeLast(2).Average(r => r.Loss), Is.LessThan(rows.Take(2).Average(r => r.Loss) - 0.1), "the loss falls");
            Assert.That(rows.Last().FeatureStd, Is.GreaterThan(0.01), "features still differ across the batch");
            Assert.That(rows.Last().TeacherEntropy, Is.LessThan(0.99 * lnK), "the teacher is not uniform");
            Assert.That(rows.Last().TeacherEntropy, Is.GreaterThan(0.05), "the teacher is not one-hot");
            Assert.That(rows.All(r => double.IsFinite(r.KoLeo)), Is.True);
            Assert.That(File.Exists(Path.Combine(run, "loss-curve.png")), Is.True, "loss curve drawn at checkpoints");
            Assert.That(Directory.GetDirectories(Path.Combine(run, "checkpoints")).Select(Path.GetFileName),
                        Is.EquivalentTo(new[] { "step-000020", "step-000040" }));
        });
        if (!Directory.Exists(Path.Combine(run, "tensorboard")) || Directory.GetFiles(Path.Combine(run, "tensorboard"), "*", SearchOption.AllDirectories).Length == 0)
            Assert.Warn("TensorBoard event files were not written (see the log for the SummaryWriter error)");
    }

    [Test]
    public void StoppedAndResumedRunEndsBitIdenticalToAnUninterruptedOne()
    {
        var options = TinyRun.Options(Short("Model:DropPathRate=0.2", "Data:Workers=2"));
        var straight = TestTiles.NewDirectory("straight");
        Assert.That(new Trainer(options, TinyRun.Context(straight)).Run(), Is.EqualTo(TrainOutcome.Completed));

        var resumed = TestTiles.NewDirectory("resumed");
        using (var signal = ShutdownSignal.Install())
        {
            var hooks = new TrainerHooks { TransformLoss = (step, loss) => { if (step == 5) signal.Request(StopReason.WallClock); return loss; } };
            var context = TinyRun.Context(resumed) with { Signal = signal, Hooks = hooks };
            Assert.That(new Trainer(options, context).Run(), Is.EqualTo(TrainOutcome.Stopped));
        }
        Assert.That(CheckpointStore.Verify(Checkpoint(resumed, 6), 6, out _), Is.Null, "stopped at the step boundary with a checkpoint");
        Assert.That(Directory.Exists(Checkpoint(resumed, 8)), Is.False);
        Assert.That(new Trainer(options, TinyRun.Context(resumed)).Run(), Is.EqualTo(TrainOutcome.Completed));

        foreach (var file in new[] { TrainingCheckpoint.ModelFile, TrainingCheckpoint.OptimizerFile })
            Assert.That(Checksums.Sha256File(Path.Combine(Checkpoint(resumed, 12), file)),
                        Is.EqualTo(Checksums.Sha256File(Path.Combine(Checkpoint(straight, 12), file))), file);
        Assert.That(Checksums.Sha256File(Path.Combine(Checkpoint(straight, 8), TrainingCheckpoint.ModelFile)),
                    Is.Not.EqualTo(Checksums.Sha256File(Path.Combine(Checkpoint(straight, 12), TrainingCheckpoint.ModelFile))),
                    "weights moved between steps 8 and 12, so equality above means something");
        var steps = MetricsLog.Read(Path.Combine(resumed, "metrics.jsonl")).Select(m => m.Step);
        Assert.That(steps, Is.EqualTo(new long[] { 2, 4, 6, 8, 10, 12 }), "metrics.jsonl reads as one run");
    }

    [Test]
    public void NonFiniteLossesAreSkippedAndCountedThenStopTheRunKeepingTheLastGoodCheckpoint()
    {
        var run = TestTiles.NewDirectory("nan");
        var hooks = new TrainerHooks { TransformLoss = (step, loss) => step is 2 or 3 ? loss * double.NaN : loss };
        Assert.That(new Trainer(TinyRun.Options(Short()), TinyRun.Context(run) with { Hooks = hooks }).Run(), Is.EqualTo(TrainOutcome.Completed));
        var last = MetricsLog.Read(Path.Combine(run, "metrics.jsonl")).Last();
        Assert.That(last.NonFiniteSkipped, Is.EqualTo(2));
        Assert.That(Finite(Checkpoint(run, 12)), Is.True);

        var diverging = TestTiles.NewDirectory("diverge");
        var forever = new TrainerHooks { TransformLoss = (step, loss) => step >= 5 ? loss * double.PositiveInfinity : loss };
        var e = Assert.Throws<HoptException>(() =>
            new Trainer(TinyRun.Options(Short("MaxConsecutiveNonFiniteSteps=3")), TinyRun.Context(diverging) with { Hooks = forever }).Run())!;
        Assert.That(e.Message, Does.Contain("3 steps in a row").And.Contain("steps 6..8").And.Contain("last good checkpoint (step 4)"));
        var newest = new CheckpointStore(Path.Combine(diverging, "checkpoints"), Serilog.Core.Logger.None).NewestValid();
        Assert.That(newest!.Value.Manifest.Step, Is.EqualTo(4));
        Assert.That(Finite(newest.Value.Path), Is.True);
    }

    private static bool Finite(string checkpoint)
    {
        using var scope = NewDisposeScope();
        return Model.SafetensorsFile.Read(Path.Combine(checkpoint, TrainingCheckpoint.ModelFile))
            .Values.All(t => t.isfinite().all().item<bool>());
    }
}
