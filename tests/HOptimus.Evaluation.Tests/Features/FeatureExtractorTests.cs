using HOptimus.Evaluation.Features;
using HOptimus.Evaluation.Tasks;
using HOptimus.Evaluation.Tests.Support;
using static TorchSharp.torch;

namespace HOptimus.Evaluation.Tests.Features;

/// <summary>Real TorchSharp forward passes of a random vit-tiny on tiles cut from the real NCT-CRC-HE patches.</summary>
public class FeatureExtractorTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("hopt-eval-extract-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, true);

    [Test]
    public void Features_are_the_cls_token_of_normalised_pixels_whatever_the_batch_size()
    {
        RealPatchShard.Write(Path.Combine(_folder, "eval.h5"), crops: 3);
        var dataset = ShardDataset.Load(new DatasetOptions { Shards = ["eval.h5"] }, _folder);
        using var backbone = FeatureBackbone.Load(new BackboneSpec { Name = "r", Random = "vit-tiny", Seed = 5 }, _folder);
        // 27 tiles in batches of 4 end with a partial batch of 3.
        var batched = FeatureExtractor.Extract(backbone, dataset, new ExtractionSettings(4, CPU, 2), Serilog.Core.Logger.None, default);
        var single = FeatureExtractor.Extract(backbone, dataset, new ExtractionSettings(1, CPU, 1), Serilog.Core.Logger.None, default);
        Assert.That((batched.Rows, batched.Columns), Is.EqualTo((27, backbone.FeatureDim)));
        Assert.That(batched.Values, Is.EqualTo(single.Values).Within(1e-4));

        using var images = dataset.OpenImages();
        foreach (var i in new[] { 0, 13, 26 })
        {
            using var scope = NewDisposeScope();
            var rgb = images.Read(i).Pixels;
            // The reference path: HWC bytes -> CHW floats in [0,1] -> (x - mean) / std with the backbone's own values.
            var x_CHW = tensor(rgb, [56, 56, 3]).permute(2, 0, 1).to(ScalarType.Float32) / 255f;
            var mean_C11 = tensor(backbone.Mean.ToArray()).reshape(3, 1, 1);
            var std_C11 = tensor(backbone.Std.ToArray()).reshape(3, 1, 1);
            using var noGrad = no_grad();
            var expected = backbone.Model.forward(((x_CHW - mean_C11) / std_C11).unsqueeze(0)).data<float>().ToArray();
            Assert.That(batched.Row(i).ToArray(), Is.EqualTo(expected.Select(v => (double)v)).Within(1e-4), $"tile {i}");
        }
    }

    [Test]
    public void Random_backbones_are_keyed_by_their_weights()
    {
        using var a = FeatureBackbone.Load(new BackboneSpec { Name = "a", Random = "vit-tiny", Seed = 1 }, _folder);
        using var b = FeatureBackbone.Load(new BackboneSpec { Name = "b", Random = "vit-tiny", Seed = 1 }, _folder);
        using var c = FeatureBackbone.Load(new BackboneSpec { Name = "c", Random = "vit-tiny", Seed = 2 }, _folder);
        Assert.That(a.WeightsSha256, Is.EqualTo(b.WeightsSha256).And.Length.EqualTo(64));
        Assert.That(c.WeightsSha256, Is.Not.EqualTo(a.WeightsSha256));
    }
}
