using System.Text.Json;
using HOptimus.Core;
using HOptimus.Integration.Tests.Support;
using HOptimus.Model;
using static TorchSharp.torch;

namespace HOptimus.Integration.Tests.Consolidate;

/// <summary>
/// hopt-consolidate end to end, in process through its real entry point (argv → exit code), on checkpoints
/// written by hand per contracts.md; the exports are read back by Debian's python3 with json + numpy only.
/// </summary>
public class ConsolidateTests
{
    private string run = "";

    [SetUp]
    public void NewRun() => run = Repo.NewRunDirectory("consolidate");

    [TearDown]
    public void RemoveRun() => Directory.Delete(run, recursive: true);

    [Test]
    public void Export_WritesTheTeacherWithTimmKeys_ThatPythonReadsBackExactly()
    {
        using var scope = NewDisposeScope();
        var teacher = CheckpointFixture.Write(run, 1, seed: 1);
        var (code, output) = Cli.Consolidate("--run", run);
        Assert.That(code, Is.EqualTo(ExitCodes.Done), output);
        var export = Path.Combine(run, "exports", "teacher-step-000001");
        Assert.That(Directory.GetFiles(export).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "model.safetensors", "config.json", "manifest.json" }));
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(run, "exports")), Has.Length.EqualTo(1), "no staging folder left");
        PythonCheck(export, teacher, "F32");

        var manifest = Json.Read<ExportManifest>(Path.Combine(export, "manifest.json"));
        Assert.That(manifest.Verification!["result"], Is.EqualTo("identical"));
        Assert.That(manifest.Source["step"], Is.EqualTo("1"));
        var loaded = BackboneExport.Load(export);
        Assert.That(loaded.WeightsSha256, Is.EqualTo(manifest.WeightsSha256));
        Assert.That(loaded.Mean, Is.EqualTo(Normalization.Mean));
        Assert.That(loaded.Config, Is.EqualTo(CheckpointFixture.Tiny));
        using var reference = new VisionTransformer(CheckpointFixture.Tiny);
        reference.LoadTimmStateDict(teacher, "teacher");
        reference.eval();
        var images = randn(2, 3, 56, 56);
        using (no_grad())
            Assert.That(loaded.Model.forward(images).eq(reference.forward(images)).all().item<bool>(), Is.True);
    }

    [Test]
    public void Bf16Export_HoldsTheTeacherRoundedToBf16_AndVerifies()
    {
        using var scope = NewDisposeScope();
        var teacher = CheckpointFixture.Write(run, 5, seed: 2);
        var (code, output) = Cli.Consolidate("--run", run, "--set", "DType=bf16", "Consolidate:Name=bf16");
        Assert.That(code, Is.EqualTo(ExitCodes.Done), output);
        var export = Path.Combine(run, "exports", "bf16");
        var rounded = teacher.ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.BFloat16).to(ScalarType.Float32));
        PythonCheck(export, rounded, "BF16");
        Assert.That(Json.Read<ExportManifest>(Path.Combine(export, "manifest.json")).Verification!["reference"], Does.Contain("bf16"));
    }

    [Test]
    public void NewestValidStep_IsChosen_ACorruptNewerStepIsSkipped()
    {
        using var scope = NewDisposeScope();
        CheckpointFixture.Write(run, 1, seed: 3);
        CheckpointFixture.Write(run, 2, seed: 4);
        FlipAByte(Path.Combine(CheckpointFixture.StepDir(run, 2), "model.safetensors"));
        var (code, output) = Cli.Consolidate("--run", run);
        Assert.That(code, Is.EqualTo(ExitCodes.Done), output);
        Assert.That(Directory.Exists(Path.Combine(run, "exports", "teacher-step-000001")), Is.True);
        Assert.That(output, Does.Contain("step-000002").And.Contain("sha256"), "the skipped step is reported");
    }

    public static IEnumerable<TestCaseData> BadCheckpoints()
    {
        yield return new TestCaseData((Action<string>)(dir => File.Delete(Path.Combine(dir, "trainer-state.json"))),
            "trainer-state.json: missing").SetName("MissingFile_IsRefused");
        yield return new TestCaseData((Action<string>)(dir => FlipAByte(Path.Combine(dir, "model.safetensors"))),
            "model.safetensors: sha256 differs").SetName("BadChecksum_IsRefused");
        yield return new TestCaseData((Action<string>)(dir => File.Delete(Path.Combine(dir, "manifest.json"))),
            "incomplete checkpoint: no manifest.json").SetName("MissingManifest_IsRefused");
    }

    [TestCaseSource(nameof(BadCheckpoints))]
    public void BadCheckpoint_IsRefusedWithExit3_NamingTheProblem_AndNothingIsWritten(Action<string> damage, string expected)
    {
        using var scope = NewDisposeScope();
        CheckpointFixture.Write(run, 3, seed: 5);
        var dir = CheckpointFixture.StepDir(run, 3);
        damage(dir);
        var (code, output) = Cli.Consolidate("--run", run, "--checkpoint", dir);
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), output);
        Assert.That(output, Does.Contain(expected));
        Assert.That(output, Does.Not.Contain("   at "), "a message, not a stack trace");
        AssertNoExports();
    }

    [Test]
    public void AnotherModelsShapes_AreRefusedNamingTheKey()
    {
        using var scope = NewDisposeScope();
        var other = CheckpointFixture.Tiny with { EmbedDim = 48 };
        CheckpointFixture.Write(run, 4, seed: 6, weightsConfig: other, manifestConfig: CheckpointFixture.Tiny);
        var (code, output) = Cli.Consolidate("--run", run, "--set", "Step=4");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), output);
        Assert.That(output, Does.Contain("does not match the manifest's model vit-tiny")
            .And.Contain("'blocks.0.attn.qkv.weight' has shape [144, 48], expected [288, 96]"));
        AssertNoExports();
    }

    [Test]
    public void Import_ConvertsATimmFile_DroppingItsClassifier_AndRefusesAnotherArchitecture()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        using var source = new VisionTransformer(CheckpointFixture.Tiny);
        var weights = source.TimmStateDict().ToDictionary(kv => kv.Key, kv => kv.Value);
        weights["head.weight"] = randn(10, 96);
        weights["head.bias"] = zeros(10);
        var file = Path.Combine(run, "external.vit.safetensors");
        SafetensorsFile.Write(file, weights.Select(kv => new KeyValuePair<string, Tensor>(kv.Key, kv.Value.to(ScalarType.BFloat16))));

        var (code, output) = Cli.Consolidate("import", "--run", run, "--timm", file, "--arch", "vit-tiny");
        Assert.That(code, Is.EqualTo(ExitCodes.Done), output);
        var loaded = BackboneExport.Load(Path.Combine(run, "exports", "external-vit"));
        var expected = source.TimmStateDict().ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.BFloat16).to(ScalarType.Float32));
        foreach (var (key, value) in loaded.Model.TimmStateDict())
            Assert.That(value.eq(expected[key]).all().item<bool>(), Is.True, key);

        var (bad, badOutput) = Cli.Consolidate("import", "--run", run, "--timm", file, "--arch", "vit-small", "--set", "Name=x");
        Assert.That(bad, Is.EqualTo(ExitCodes.BadInput), badOutput);
        Assert.That(badOutput, Does.Contain("not a timm vit_small_patch14_dinov2").And.Contain("'pos_embed' has shape [1, 16, 96], expected [1, 257, 384]"));
    }

    [Test]
    public void ExistingExport_IsNotOverwritten_DryRunAndPrintConfigWriteNothing()
    {
        using var scope = NewDisposeScope();
        CheckpointFixture.Write(run, 7, seed: 9);
        var (dry, dryOutput) = Cli.Consolidate("--run", run, "--dry-run");
        Assert.That(dry, Is.EqualTo(ExitCodes.Done), dryOutput);
        Assert.That(dryOutput, Does.Contain("dry run").And.Contain("teacher-step-000007"));
        var (print, printOutput) = Cli.Consolidate("--run", run, "--print-config", "--set", "VerifyBatch=3");
        Assert.That(print, Is.EqualTo(ExitCodes.Done), printOutput);
        Assert.That(printOutput, Does.Contain("\"verifyBatch\": 3"));
        AssertNoExports();
        Assert.That(Cli.Consolidate("--run", run).Code, Is.EqualTo(ExitCodes.Done));
        var (again, againOutput) = Cli.Consolidate("--run", run);
        Assert.That(again, Is.EqualTo(ExitCodes.Usage), againOutput);
        Assert.That(againOutput, Does.Contain("already exists"));
    }

    private void AssertNoExports()
    {
        var exports = Path.Combine(run, "exports");
        Assert.That(Directory.Exists(exports) ? Directory.GetFileSystemEntries(exports) : [], Is.Empty, "nothing half-written");
    }

    private static void FlipAByte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0x40;
        File.WriteAllBytes(path, bytes);
    }

    private void PythonCheck(string export, IReadOnlyDictionary<string, Tensor> weights, string dtype)
    {
        var expected = new
        {
            dtype,
            architecture = CheckpointFixture.Tiny.TimmArchitecture,
            num_features = CheckpointFixture.Tiny.NumFeatures,
            mean = Normalization.Mean,
            std = Normalization.Std,
            tensors = TimmKeys.Expected(CheckpointFixture.Tiny)
                .Select(k => new object[] { k.Key, k.Shape, weights[k.Key].to(ScalarType.Float64).data<double>().ToArray() }),
        };
        var path = Path.Combine(run, "expected.json");
        File.WriteAllText(path, JsonSerializer.Serialize(expected));
        var script = File.ReadAllText(Path.Combine(Repo.Root, "tests", "HOptimus.Integration.Tests", "Consolidate", "check_export.py"));
        var result = Processes.Python(script, export, path);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.StdOut, Does.StartWith($"ok {TimmKeys.Expected(CheckpointFixture.Tiny).Count} tensors"));
    }
}
