using System.Text.Json;
using HOptimus.Model;
using static TorchSharp.torch;

namespace HOptimus.Model.Tests;

/// <summary>
/// The network's math against an independent float64 numpy implementation of timm's ViT that reads only the
/// export's files: token order, position embedding with and without a class slot, attention, packed SwiGLU
/// gate order, GELU, LayerScale, norms.
/// </summary>
public class NumpyReferenceTests
{
    private static IEnumerable<ViTConfig> Configs()
    {
        yield return ViTConfig.Preset("vit-tiny");
        yield return ViTConfig.Preset("vit-small") with { Depth = 2, EmbedDim = 48, NumHeads = 2, ImageSize = 42 };
    }

    [TestCaseSource(nameof(Configs))]
    public void Features_MatchANumpyTimmForward_OnTheExportedFiles(ViTConfig config)
    {
        using var scope = NewDisposeScope();
        manual_seed(17);
        using var model = new VisionTransformer(config);
        using (no_grad())
            foreach (var (name, p) in model.named_parameters())
                // Random everything, so that no part (tiny LayerScale, zero biases, unit norms) hides an error.
                p.copy_(name.EndsWith(".weight") && p.dim() == 1 ? 1 + 0.3 * randn_like(p) : 0.3 * randn_like(p));
        model.eval();
        var dir = Path.Combine(Path.GetTempPath(), "hopt-np-" + Guid.NewGuid().ToString("N"));
        try
        {
            var export = Path.Combine(dir, "export");
            Directory.CreateDirectory(dir);
            var staging = BackboneExport.Stage(export, model.TimmStateDict(), config, WeightDType.Fp32, "test");
            BackboneExport.Commit(staging, export, config, WeightDType.Fp32, new Dictionary<string, string> { ["kind"] = "test" }, null);
            var images = randn(2, 3, config.ImageSize, config.ImageSize);
            var imagesPath = Path.Combine(dir, "images.safetensors");
            SafetensorsFile.Write(imagesPath, new Dictionary<string, Tensor> { ["images"] = images });
            var outPath = Path.Combine(dir, "out.json");

            var (code, output) = PythonInterop.Run(PythonInterop.Script("vit_numpy.py"), export, imagesPath, outPath);
            Assert.That(code, Is.EqualTo(0), output);
            using var json = JsonDocument.Parse(File.ReadAllText(outPath));
            var cls = Flatten(json.RootElement.GetProperty("cls"));
            var patches = Flatten(json.RootElement.GetProperty("patches"));
            using var _ = no_grad();
            var (ourCls, ourPatches) = model.ForwardFeatures(images);
            Assert.That(ourCls.flatten().data<float>().ToArray(), Is.EqualTo(cls).Within(2e-4));
            Assert.That(ourPatches.flatten().data<float>().ToArray(), Is.EqualTo(patches).Within(2e-4));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static float[] Flatten(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flatten).ToArray() : [(float)e.GetDouble()];
}
