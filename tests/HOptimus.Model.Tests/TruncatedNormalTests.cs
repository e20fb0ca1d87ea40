using static TorchSharp.torch;

namespace HOptimus.Model.Tests;

public class TruncatedNormalTests
{
    [Test]
    public void Narrow_std_samples_a_plain_normal_with_that_std()
    {
        manual_seed(7);
        using var scope = NewDisposeScope();
        var weights = TruncatedNormal.Fill(empty(512, 512), std: 0.02);
        Assert.That(weights.mean().item<float>(), Is.EqualTo(0f).Within(2e-4f));
        Assert.That(weights.std().item<float>(), Is.EqualTo(0.02f).Within(0.0004f));
        Assert.That(weights.unique().output.shape[0], Is.GreaterThan(100_000), "samples, not a constant fill");
    }

    [Test]
    public void Wide_std_is_cut_at_the_bounds_with_the_truncated_normal_std()
    {
        manual_seed(7);
        using var scope = NewDisposeScope();
        var samples = TruncatedNormal.Fill(empty(400_000), std: 1.0, a: -2, b: 2);
        Assert.That(samples.abs().max().item<float>(), Is.LessThanOrEqualTo(2f));
        // Standard normal truncated to [-2, 2]: variance 1 - 2·2·φ(2)/(2Φ(2)-1) = 0.7737, std 0.8796.
        Assert.That(samples.std().item<float>(), Is.EqualTo(0.8796f).Within(0.004f));
    }
}
