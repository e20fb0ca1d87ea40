using HOptimus.Model;
using static TorchSharp.torch;

namespace HOptimus.Model.Tests;

public class HeadAndMaskTests
{
    [Test]
    public void DinoHead_HasDinov2Names_AndWeightNormalisedPrototypes()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var head = new DinoHead(96, new DinoHeadConfig { OutDim = 50, HiddenDim = 64, BottleneckDim = 16, Layers = 3 });
        var names = head.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.That(names.Keys, Is.EquivalentTo(new[]
        {
            "mlp.0.weight", "mlp.0.bias", "mlp.2.weight", "mlp.2.bias", "mlp.4.weight", "mlp.4.bias",
            "last_layer.weight_g", "last_layer.weight_v",
        }));
        Assert.That(names["last_layer.weight_g"], Is.EqualTo(new long[] { 50, 1 }));
        var x = randn(5, 96);
        var y = head.forward(x);
        Assert.That(y.shape, Is.EqualTo(new long[] { 5, 50 }));
        // Prototypes have norm g = 1 and the bottleneck is unit-norm: every logit is a cosine in [-1, 1].
        Assert.That(y.abs().max().item<float>(), Is.LessThanOrEqualTo(1.0001f));
        // Rescaling v changes nothing: only its direction matters.
        using (no_grad())
            head.named_parameters().Single(p => p.name == "last_layer.weight_v").parameter.mul_(7);
        Assert.That(head.forward(x).allclose(y, rtol: 1e-4, atol: 1e-6), Is.True);
    }

    [Test]
    public void MaskingGenerator_MasksAboutTheAskedCount_AsRectangles_Deterministically()
    {
        var generator = new MaskingGenerator(16, 16);
        var a = generator.Generate(60, new Random(5));
        var b = generator.Generate(60, new Random(5));
        Assert.That(a, Is.EqualTo(b));
        int count = a.Cast<bool>().Count(m => m);
        Assert.That(count, Is.InRange(40, 60), "never more than asked; rectangles fill most of it");
        Assert.That(generator.Generate(0, new Random(5)).Cast<bool>().Any(m => m), Is.False);
    }

    [Test]
    public void BatchMasks_MaskHalfTheImages_WithRatiosInRange()
    {
        using var scope = NewDisposeScope();
        var generator = new MaskingGenerator(8, 8);
        var masks = BatchMasks.Generate(10, generator, 0.5, 0.1, 0.5, new Random(9));
        Assert.That(masks.shape, Is.EqualTo(new long[] { 10, 64 }));
        var perImage = masks.sum(1).data<long>().ToArray();
        Assert.That(perImage.Count(c => c > 0), Is.InRange(4, 5), "int(10 × 0.5) images are asked a mask (a tiny ask may place none)");
        Assert.That(perImage.Max(), Is.LessThanOrEqualTo(32), "at most ratioMax of the 64 patches");
    }
}
