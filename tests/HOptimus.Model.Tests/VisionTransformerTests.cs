using HOptimus.Model;
using static TorchSharp.torch;

namespace HOptimus.Model.Tests;

public class VisionTransformerTests
{
    private static readonly ViTConfig Tiny = ViTConfig.Preset("vit-tiny");

    [SetUp]
    public void Seed() => manual_seed(1234);

    [Test]
    public void ForwardFeatures_GivesNormedClsAndPatchTokens()
    {
        using var scope = NewDisposeScope();
        using var model = new VisionTransformer(Tiny);
        model.eval();
        var images = randn(2, 3, 56, 56);
        var (cls, patches) = model.ForwardFeatures(images);
        Assert.That(cls.shape, Is.EqualTo(new long[] { 2, 96 }));
        Assert.That(patches.shape, Is.EqualTo(new long[] { 2, 16, 96 }));
        Assert.That(model.forward(images).allclose(cls), Is.True);
        // After LayerNorm (weight 1, bias 0 at init) every patch token has mean 0 and variance 1. (The CLS
        // token is ~0 at init: cls_token ~ N(0, 1e-6) and LayerScale 1e-5 leave it below the norm's epsilon.)
        Assert.That(patches.mean([-1]).abs().max().item<float>(), Is.LessThan(1e-4));
        Assert.That(patches.var([-1], unbiased: false).sub(1).abs().max().item<float>(), Is.LessThan(1e-2));
    }

    [Test]
    public void LocalCrops_OfAnotherSize_ResampleThePositionEmbedding()
    {
        using var scope = NewDisposeScope();
        foreach (var config in new[] { Tiny, Tiny with { NoEmbedClass = false, RegisterTokens = 0 } })
        {
            using var model = new VisionTransformer(config);
            var (cls, patches) = model.ForwardFeatures(randn(3, 3, 28, 42));
            Assert.That(cls.shape, Is.EqualTo(new long[] { 3, 96 }));
            Assert.That(patches.shape, Is.EqualTo(new long[] { 3, 6, 96 }));
        }
    }

    [Test]
    public void Masks_ReplaceMaskedPatchesByTheMaskToken()
    {
        using var scope = NewDisposeScope();
        using var model = new VisionTransformer(Tiny, new BackboneOptions { MaskToken = true });
        model.eval();
        var images = randn(1, 3, 56, 56);
        var other = images.clone();
        other[.., .., ..14, ..14] = randn(1, 3, 14, 14); // changes patch 0 only
        var masks = zeros(1, 16, dtype: ScalarType.Bool);
        masks[0, 0] = true;
        using var _ = no_grad();
        var a = model.ForwardFeatures(images, masks).Patches_BPD;
        var b = model.ForwardFeatures(other, masks).Patches_BPD;
        Assert.That(a.allclose(b, rtol: 0, atol: 1e-6), Is.True, "a masked patch's pixels must not matter");
        Assert.That(model.ForwardFeatures(other).Patches_BPD.allclose(b, rtol: 0, atol: 1e-6), Is.False, "unmasked they do");
    }

    [Test]
    public void Masks_OnABackboneWithoutMaskToken_AreRefused()
    {
        using var model = new VisionTransformer(Tiny);
        Assert.Throws<InvalidOperationException>(() => model.ForwardFeatures(randn(1, 3, 56, 56), zeros(1, 16, dtype: ScalarType.Bool)));
    }

    [Test]
    public void Bf16_StaysCloseToFp32_WithTheSameWeights_AndFp32Outputs()
    {
        using var scope = NewDisposeScope();
        using var fp32 = new VisionTransformer(Tiny);
        using var bf16 = new VisionTransformer(Tiny, new BackboneOptions { Precision = Precision.Bf16 });
        bf16.LoadTimmStateDict(fp32.TimmStateDict(), "fp32 model");
        fp32.eval(); bf16.eval();
        var images = randn(2, 3, 56, 56);
        var a = fp32.forward(images);
        var b = bf16.forward(images);
        Assert.That(b.dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(bf16.parameters().All(p => p.dtype == ScalarType.Float32), Is.True, "master weights stay fp32");
        var diff = (a - b).abs().max().item<float>();
        Assert.That(diff, Is.GreaterThan(0f), "bf16 must actually compute in bf16");
        Assert.That(diff, Is.LessThan(0.1f));
        // Gradients flow through the casts back to the fp32 weights.
        bf16.forward(images).sum().backward();
        Assert.That(bf16.parameters().All(p => p.grad is not null && p.grad.dtype == ScalarType.Float32), Is.True);
    }

    [TestCase(Precision.Fp32)]
    [TestCase(Precision.Bf16)]
    public void ActivationCheckpointing_GivesTheSameGradients_WithDropPath(Precision precision)
    {
        using var scope = NewDisposeScope();
        var options = new BackboneOptions { DropPathRate = 0.3, MaskToken = true, Precision = precision };
        using var plain = new VisionTransformer(Tiny, options);
        using var recompute = new VisionTransformer(Tiny, options with { ActivationCheckpointing = true });
        recompute.load_state_dict(plain.state_dict());
        var images = randn(4, 3, 56, 56);
        var masks = rand(4, 16).lt(0.3);
        var losses = new List<float>();
        foreach (var model in new[] { plain, recompute })
        {
            model.train();
            manual_seed(7); // same drop-path draws
            var (cls, patches) = model.ForwardFeatures(images, masks);
            var loss = cls.pow(2).sum() + patches.sum();
            loss.backward();
            losses.Add(loss.item<float>());
        }
        Assert.That(losses[1], Is.EqualTo(losses[0]));
        var grads = recompute.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad);
        foreach (var (name, p) in plain.named_parameters())
        {
            Assert.That(grads[name], Is.Not.Null, name);
            Assert.That(grads[name]!.allclose(p.grad!, rtol: 1e-4, atol: 1e-6), Is.True, name);
        }
    }

    [Test]
    public void DropPath_IsOffInEvalMode_AndOnInTraining()
    {
        using var scope = NewDisposeScope();
        using var model = new VisionTransformer(Tiny with { LayerScaleInit = null }, new BackboneOptions { DropPathRate = 0.5 });
        var images = randn(8, 3, 56, 56);
        using var _ = no_grad();
        model.eval();
        Assert.That(model.ForwardFeatures(images).Patches_BPD.allclose(model.ForwardFeatures(images).Patches_BPD), Is.True);
        model.train();
        Assert.That(model.ForwardFeatures(images).Patches_BPD.allclose(model.ForwardFeatures(images).Patches_BPD), Is.False);
    }

    [Test]
    public void DropPathRates_AreUniformOrTimmsRamp()
    {
        Assert.That(DropPath.Rates(3, 0.4, uniform: true), Is.EqualTo(new[] { 0.4, 0.4, 0.4 }));
        Assert.That(DropPath.Rates(3, 0.4, uniform: false), Is.EqualTo(new[] { 0.0, 0.2, 0.4 }).Within(1e-12));
    }
}
