using HOptimus.Training.Checkpoints;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace HOptimus.Training.Tests;

public class CheckpointStoreTests
{
    private sealed class Collect : ILogEventSink
    {
        public List<string> Messages { get; } = [];
        public void Emit(LogEvent e) => Messages.Add(e.RenderMessage());
    }

    private static string Save(CheckpointStore store, long step, int keep = 5) =>
        store.Save(step, files => new CheckpointManifest { Step = step, Files = files },
                   dir => File.WriteAllText(Path.Combine(dir, "data.bin"), $"weights of step {step}"), keep);

    [Test]
    public void NewestValidSkipsBrokenOnesWithAWarning()
    {
        var sink = new Collect();
        var store = new CheckpointStore(TestTiles.NewDirectory("ckpt"), new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger());
        Save(store, 10);
        Save(store, 20);
        var thirty = Save(store, 30);
        var forty = Save(store, 40);
        File.WriteAllText(Path.Combine(forty, "data.bin"), "weights of step 4X"); // same size, other bytes
        File.Delete(Path.Combine(thirty, CheckpointManifest.FileName));
        Assert.That(store.NewestValid()!.Value.Manifest.Step, Is.EqualTo(20));
        Assert.That(sink.Messages, Has.Some.Contains("step-000040").And.Contains("SHA-256"));
        Assert.That(sink.Messages, Has.Some.Contains("step-000030").And.Contains("no manifest.json"));
    }

    [Test]
    public void TruncatedFileAndLeftoverTempAreNotValid()
    {
        var dir = TestTiles.NewDirectory("ckpt");
        var store = new CheckpointStore(dir, Logger.None);
        var ten = Save(store, 10);
        Directory.CreateDirectory(Path.Combine(dir, "step-000020.tmp"));
        File.WriteAllText(Path.Combine(dir, "step-000020.tmp", "data.bin"), "half");
        Assert.That(store.NewestValid()!.Value.Path, Is.EqualTo(ten));
        File.WriteAllText(Path.Combine(ten, "data.bin"), "short");
        Assert.That(CheckpointStore.Verify(ten, 10, out _), Does.Contain("bytes"));
        Assert.That(store.NewestValid(), Is.Null);
    }

    [Test]
    public void OnlyTheLastKAreKeptAndTempFoldersAreCleared()
    {
        var dir = TestTiles.NewDirectory("ckpt");
        var store = new CheckpointStore(dir, Logger.None);
        Directory.CreateDirectory(Path.Combine(dir, "step-000005.tmp"));
        foreach (var step in new long[] { 1, 2, 3, 4 }) Save(store, step, keep: 2);
        Assert.That(Directory.GetDirectories(dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "step-000003", "step-000004" }));
    }
}
