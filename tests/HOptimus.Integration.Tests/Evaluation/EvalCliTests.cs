using System.Text.Json;
using HOptimus.Core;
using HOptimus.Integration.Tests.Support;

namespace HOptimus.Integration.Tests.Evaluation;

/// <summary>
/// hopt-eval's real entry point on PNG tiles cut from the real NCT-CRC-HE patches, comparing a random vit-tiny
/// with an external timm file imported by hopt-consolidate: one table, exit codes for bad input.
/// </summary>
public class EvalCliTests
{
    private string _run = "";

    [SetUp]
    public void NewRun() => _run = Repo.NewRunDirectory("eval");

    [TearDown]
    public void RemoveRun() => Directory.Delete(_run, recursive: true);

    private const string Config = """
        { "Eval": {
            "backbones": [ { "name": "random", "random": "vit-tiny" } ],
            "tasks": [ { "name": "crc", "dataset": { "images": "patches" },
                         "split": { "kind": "folds", "folds": 4, "groupBy": "patient" },
                         "linear": { "inverseStrengths": [ 0.01, 1 ] } } ],
            "bootstrap": { "resamples": 200 },
            "device": "cpu"
        } }
        """;

    [Test]
    public void Random_and_imported_backbones_give_one_table_with_intervals_and_a_chart()
    {
        EvalFixture.WritePatches(_run);
        EvalFixture.WriteConfig(_run, Config);
        var timm = EvalFixture.WriteTimmFile(Path.Combine(_run, "external-vit-tiny.safetensors"), seed: 7);
        var import = EvalFixture.Consolidate("import", "--run", _run, "--timm", timm, "--arch", "vit-tiny");
        Assert.That(import.Code, Is.Zero, import.Output);
        var export = Directory.GetDirectories(Path.Combine(_run, "exports")).Single();

        var (code, output) = EvalFixture.Eval("--run", _run, "--config", Path.Combine(_run, "config", "eval.json"),
            "--backbone", $"imported={export}");
        Assert.That(code, Is.EqualTo(ExitCodes.Done), output);

        var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run, "eval", "results.json"))).RootElement;
        var rows = results.GetProperty("results").EnumerateArray().ToList();
        Assert.That(rows.Select(r => $"{r.GetProperty("backbone").GetString()}/{r.GetProperty("protocol").GetString()}"),
            Is.EquivalentTo(new[] { "random/linear", "random/knn", "imported/linear", "imported/knn" }));
        foreach (var row in rows)
        {
            Assert.That(row.GetProperty("testSamples").GetInt32(), Is.EqualTo(72));
            var auroc = row.GetProperty("metrics").GetProperty("auroc");
            Assert.That(auroc.GetProperty("lower").GetDouble(), Is.LessThanOrEqualTo(auroc.GetProperty("upper").GetDouble()));
        }
        var backbones = results.GetProperty("backbones").EnumerateArray().ToList();
        Assert.That(backbones[1].GetProperty("source").GetString(), Is.EqualTo(export));
        // The cache key of an export is the sha256 of its weights file, as its manifest states.
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(export, "manifest.json"))).RootElement;
        Assert.That(backbones[1].GetProperty("weightsSha256").GetString(), Is.EqualTo(manifest.GetProperty("weightsSha256").GetString()));
        Assert.That(File.ReadAllText(Path.Combine(_run, "eval", "results.md")), Does.Contain("| imported | linear |"));
        Assert.That(new FileInfo(Path.Combine(_run, "eval", "crc.png")).Length, Is.GreaterThan(1000));
        Assert.That(Directory.GetFiles(Path.Combine(_run, "eval", "cache"), "*.h5"), Has.Length.EqualTo(2));
    }

    [Test]
    public void Labels_naming_a_missing_tile_exit_3_naming_the_line_and_nothing_is_written()
    {
        EvalFixture.WritePatches(_run);
        File.AppendAllText(Path.Combine(_run, "patches", "labels.csv"), "TUM-99.png,TUM,patient-1\n");
        EvalFixture.WriteConfig(_run, Config);
        var (code, output) = EvalFixture.Eval("--run", _run, "--config", Path.Combine(_run, "config", "eval.json"));
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), output);
        Assert.That(output, Does.Contain("line 74: 'TUM-99.png' names a missing image"));
        Assert.That(output, Does.Not.Contain("   at "), "a message, not a stack trace");
        Assert.That(Directory.Exists(Path.Combine(_run, "eval")), Is.False);
    }

    [Test]
    public void Bad_config_exits_2_and_dry_run_and_print_config_exit_0_without_writing()
    {
        EvalFixture.WritePatches(_run);
        EvalFixture.WriteConfig(_run, Config);
        var config = Path.Combine(_run, "config", "eval.json");
        var dry = EvalFixture.Eval("--run", _run, "--config", config, "--dry-run");
        Assert.That(dry.Code, Is.Zero, dry.Output);
        Assert.That(dry.Output, Does.Contain("task crc: ").And.Contain("72 images").And.Contain("fold 4/4: train"));
        var printed = EvalFixture.Eval("--run", _run, "--config", config, "--print-config", "--set", "BatchSize=7");
        Assert.That(printed.Code, Is.Zero, printed.Output);
        Assert.That(printed.Output, Does.Contain("\"batchSize\": 7"));
        Assert.That(Directory.Exists(Path.Combine(_run, "eval")), Is.False);

        var bad = EvalFixture.Eval("--run", _run, "--config", config, "--set", "Eval:Tasks:0:Knn:K=0");
        Assert.That(bad.Code, Is.EqualTo(ExitCodes.Usage), bad.Output);
        Assert.That(bad.Output, Does.Contain("tasks[crc].knn.k: must be >= 1, got 0"));
    }
}
