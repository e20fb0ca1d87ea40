using HOptimus.Training.Optim;

namespace HOptimus.Training.Tests;

public class LayerwiseDecayTests
{
    [TestCase("backbone.cls_token", 0)]
    [TestCase("backbone.reg_token", 0)]
    [TestCase("backbone.pos_embed", 0)]
    [TestCase("backbone.patch_embed.proj.weight", 0)]
    [TestCase("backbone.mask_token", 0)]
    [TestCase("backbone.blocks.0.attn.qkv.weight", 1)]
    [TestCase("backbone.blocks.11.mlp.fc2.bias", 12)]
    [TestCase("backbone.norm.weight", 13)]
    [TestCase("dino_head.mlp.0.weight", 13)]
    public void LayerIdsFollowDinoV2(string name, int layer) => Assert.That(LayerwiseDecay.LayerId(name, 12), Is.EqualTo(layer));

    [Test]
    public void MultipliersDecayWithDepthAndSkipWeightDecayOnNormsBiasesAndGammas()
    {
        using var student = new SslModel(Model.ViTConfig.Preset("vit-tiny"), TinyRun.Options().Model, student: true);
        var groups = LayerwiseDecay.Groups(student.named_parameters().Select(p => (p.name, p.parameter)), 3, 0.5, 0.2)
            .ToDictionary(g => g.Name);
        Assert.Multiple(() =>
        {
            Assert.That(groups["backbone.patch_embed.proj.weight"].LrMultiplier, Is.EqualTo(0.5 * 0.5 * 0.5 * 0.5 * 0.2).Within(1e-12));
            Assert.That(groups["backbone.blocks.2.attn.qkv.weight"].LrMultiplier, Is.EqualTo(0.5).Within(1e-12));
            Assert.That(groups["dino_head.mlp.0.weight"].LrMultiplier, Is.EqualTo(1));
            Assert.That(groups["backbone.blocks.0.attn.qkv.weight"].WeightDecayMultiplier, Is.EqualTo(1));
            Assert.That(groups["backbone.blocks.0.attn.qkv.bias"].WeightDecayMultiplier, Is.Zero);
            Assert.That(groups["backbone.blocks.0.norm1.weight"].WeightDecayMultiplier, Is.Zero);
            Assert.That(groups["backbone.blocks.0.ls1.gamma"].WeightDecayMultiplier, Is.Zero);
            Assert.That(groups["dino_head.last_layer.weight_v"].IsLastLayer, Is.True);
            Assert.That(groups["dino_head.last_layer.weight_g"].IsLastLayer, Is.True);
        });
    }
}
