using System.Text.Json;
using HOptimus.Core;
using HOptimus.Evaluation.Probes;
using HOptimus.Evaluation.Reporting;
using HOptimus.Evaluation.Tasks;
using HOptimus.Evaluation.Tests.Support;

namespace HOptimus.Evaluation.Tests;

/// <summary>
/// The whole evaluation on a labelled shard cut from the real NCT-CRC-HE patches, with two random vit-tiny
/// backbones: planning, extraction, caching, both protocols over grouped folds, and the three outputs.
/// </summary>
public class EvalRunnerTests
{
    private string _run = "";

    [SetUp]
    public void SetUp()
    {
        _run = Directory.CreateTempSubdirectory("hopt-eval-run-").FullName;
        Directory.CreateDirectory(Path.Combine(_run, "tiles"));
        RealPatchShard.Write(Path.Combine(_run, "tiles", "eval-crc.h5"), crops: 8, patients: 4);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_run, true);

    private static EvalOptions Options() => new EvalOptions
    {
        Backbones = [new BackboneSpec { Name = "random-0", Random = "vit-tiny" }, new BackboneSpec { Name = "random-1", Random = "vit-tiny", Seed = 1 }],
        Tasks = [new EvalTaskOptions
        {
            Name = "crc",
            Dataset = new DatasetOptions { Shards = ["tiles/eval-*.h5"] },
            Split = new SplitOptions { Kind = SplitKind.Folds, Folds = 4, GroupBy = GroupBy.Patient },
            Linear = new LinearProbeOptions { InverseStrengths = [0.01, 1] },
        }],
        Bootstrap = new BootstrapOptions { Resamples = 100 },
        BatchSize = 16,
        Device = "cpu",
    }.Validated();

    [Test]
    public void Two_backbones_two_protocols_one_table_and_a_cache_that_is_reused()
    {
        var runner = new EvalRunner(Options(), new RunDirectory(_run), Serilog.Core.Logger.None);
        var first = runner.Run(default);

        Assert.That(first.Results.Select(r => (r.Backbone, r.Protocol)), Is.EquivalentTo(new[]
            { ("random-0", "linear"), ("random-0", "knn"), ("random-1", "linear"), ("random-1", "knn") }));
        foreach (var result in first.Results)
        {
            Assert.That(result.TestSamples, Is.EqualTo(72), "with folds every tile is tested once");
            Assert.That(result.Metrics.Keys, Is.EqualTo(new[] { "balanced-accuracy", "accuracy", "macro-f1", "auroc" }));
            var balanced = result.Metrics["balanced-accuracy"];
            // No floor on the value: a random ViT with LayerScale 1e-5 gives every image nearly the same CLS
            // feature, so these baselines sit at chance (see Informative_features_beat_chance for the floor).
            Assert.That(balanced.Value, Is.InRange(0.0, 1.0));
            Assert.That(balanced.Lower, Is.LessThanOrEqualTo(balanced.Value!.Value));
            Assert.That(balanced.Upper, Is.GreaterThanOrEqualTo(balanced.Value!.Value));
        }
        Assert.That(first.Results.Where(r => r.Protocol == "linear").SelectMany(r => r.Choices).Select(c => c["inverseStrength"]),
            Is.All.AnyOf(0.01, 1.0));

        var eval = Path.Combine(_run, "eval");
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(eval, ResultsWriter.JsonFile))).RootElement;
        Assert.That(json.GetProperty("results").GetArrayLength(), Is.EqualTo(4));
        Assert.That(json.GetProperty("tasks")[0].GetProperty("splits").GetArrayLength(), Is.EqualTo(4));
        var markdown = File.ReadAllText(Path.Combine(eval, ResultsWriter.MarkdownFile));
        Assert.That(markdown, Does.Contain("| random-1 | knn | "));
        Assert.That(markdown, Does.Contain("4 folds grouped by patient"));
        var png = File.ReadAllBytes(Path.Combine(eval, "crc.png"));
        Assert.That(png.Take(4), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }));
        Assert.That(Directory.GetFiles(eval).Where(f => Path.GetFileName(f).StartsWith('.')), Is.Empty, "no temp files left");

        var cached = Directory.GetFiles(Path.Combine(eval, "cache"), "*.h5");
        Assert.That(cached, Has.Length.EqualTo(2), "one feature file per backbone");
        var stamps = cached.Select(File.GetLastWriteTimeUtc).ToArray();
        var second = runner.Run(default);
        Assert.That(cached.Select(File.GetLastWriteTimeUtc), Is.EqualTo(stamps), "the second run reads the cache");
        Assert.That(Json.Serialize(second.Results), Is.EqualTo(Json.Serialize(first.Results)), "same inputs, same seeds, same numbers");
    }

    [Test]
    public void Informative_features_beat_chance_through_the_same_protocol_code()
    {
        // Mean RGB of each tile: three numbers that separate these tissues well, so the fold pooling, label
        // alignment and probes must all be right for balanced accuracy to clear chance (1/9) by far.
        var task = PlannedTask.Load(Options().Tasks![0], _run);
        using var images = task.Dataset.OpenImages();
        var rows = Enumerable.Range(0, task.Dataset.Samples.Count).Select(i =>
        {
            var pixels = images.Read(i).Pixels;
            return Enumerable.Range(0, 3).Select(c => pixels.Where((_, j) => j % 3 == c).Average(b => (double)b)).ToArray();
        }).ToList();
        var features = FeatureMatrix.FromRows(rows, 3);
        foreach (var protocol in new[] { Protocol.Linear, Protocol.Knn })
        {
            var result = ProtocolEvaluation.Evaluate(task, "mean-rgb", features, protocol, new HOptimus.Evaluation.Metrics.Bootstrap(100));
            Assert.That(result.TestSamples, Is.EqualTo(72));
            Assert.That(result.Metrics["balanced-accuracy"].Value, Is.GreaterThan(0.6), protocol.ToString());
        }
    }

    [Test]
    public void Dry_run_plan_names_sizes_and_bad_labels_fail_before_any_model_loads()
    {
        var runner = new EvalRunner(Options(), new RunDirectory(_run), Serilog.Core.Logger.None);
        var description = runner.Describe(runner.Plan());
        Assert.That(description, Does.Contain("task crc: 1 shard(s), 72 tiles, 9 classes"));
        Assert.That(description, Does.Contain("fold 4/4: train"));

        var missing = Options() with { Tasks = [Options().Tasks![0] with { Dataset = new DatasetOptions { Shards = ["tiles/none.h5"] } }] };
        var error = Assert.Throws<HoptException>(() => new EvalRunner(missing, new RunDirectory(_run), Serilog.Core.Logger.None).Run(default))!;
        Assert.That(error.Message, Does.Contain("none.h5: tile shard not found"));
        Assert.That(Directory.Exists(Path.Combine(_run, "eval")), Is.False, "nothing written");
    }
}
