using HOptimus.Core;
using HOptimus.Model;
using static TorchSharp.torch;

namespace HOptimus.Model.Tests;

public class BackboneExportTests
{
    private string dir = "";
    private static readonly ViTConfig Tiny = ViTConfig.Preset("vit-tiny");

    [SetUp]
    public void MakeDir() => dir = Directory.CreateTempSubdirectory("hopt-export-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(dir, recursive: true);

    private string Export(VisionTransformer model, WeightDType dtype)
    {
        var export = Path.Combine(dir, "export");
        var staging = BackboneExport.Stage(export, model.TimmStateDict(), Tiny, dtype, "test");
        BackboneExport.Commit(staging, export, Tiny, dtype, new Dictionary<string, string> { ["kind"] = "test" }, null);
        return export;
    }

    [Test]
    public void Load_OfAFolderOrOfTheBareWeightsFile_GivesTheSameNetwork()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var model = new VisionTransformer(Tiny);
        var export = Export(model, WeightDType.Fp32);
        var images = randn(2, 3, 56, 56);
        model.eval();
        var expected = model.ForwardFeatures(images).Patches_BPD;
        var fromFolder = BackboneExport.Load(export);
        // The bare file alone (moved away from config.json) still knows its architecture from its metadata.
        var bare = Path.Combine(dir, "bare.safetensors");
        File.Copy(Path.Combine(export, BackboneExport.WeightsFile), bare);
        var fromFile = BackboneExport.Load(bare);
        using var _ = no_grad();
        Assert.That(fromFolder.Model.ForwardFeatures(images).Patches_BPD.eq(expected).all().item<bool>(), Is.True);
        Assert.That(fromFile.Model.ForwardFeatures(images).Patches_BPD.eq(expected).all().item<bool>(), Is.True);
        Assert.That(fromFile.WeightsSha256, Is.EqualTo(fromFolder.WeightsSha256));
        Assert.That(fromFolder.Std, Is.EqualTo(Normalization.Std));
        Assert.That(Directory.GetDirectories(dir), Has.Length.EqualTo(1), "the staging folder was renamed, not copied");
    }

    [Test]
    public void Load_RefusesWeightsThatNoLongerMatchTheManifest()
    {
        using var scope = NewDisposeScope();
        using var model = new VisionTransformer(Tiny);
        var export = Export(model, WeightDType.Bf16);
        var weights = Path.Combine(export, BackboneExport.WeightsFile);
        var bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 1;
        File.WriteAllBytes(weights, bytes);
        var ex = Assert.Throws<HoptException>(() => BackboneExport.Load(export))!;
        Assert.That(ex.Message, Does.Contain("model.safetensors").And.Contain("sha256"));
    }

    [Test]
    public void Load_OfAFileWithoutAnyArchitecture_SaysHowToImportIt()
    {
        using var scope = NewDisposeScope();
        using var model = new VisionTransformer(Tiny);
        var file = Path.Combine(dir, "timm.safetensors");
        SafetensorsFile.Write(file, model.TimmStateDict());
        var ex = Assert.Throws<HoptException>(() => BackboneExport.Load(file))!;
        Assert.That(ex.Message, Does.Contain("architecture is unknown").And.Contain("import"));
    }
}
