using TorchSharp;
using static TorchSharp.torch;

namespace HOptimus.Model.Tests;

/// <summary>
/// The foundation check every torch test stands on: libtorch loads through the build's
/// GLIBCXX_3.4.32 fix (build/PatchLibTorchSharp.cs) and runs a forward and backward pass.
/// </summary>
public class LibTorchLoadTests
{
    [Test]
    public void ForwardAndBackwardRunAndGiveTheAnalyticGradient()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 1f, -2f, 3f }, requires_grad: true);
        var x = tensor(new float[] { 0.5f, 4f, -1f });
        var y = (w * x).sum().pow(2); // y = (w·x)²  =>  dy/dw = 2 (w·x) x
        y.backward();
        var dot = 0.5f - 8f - 3f;
        Assert.That(y.item<float>(), Is.EqualTo(dot * dot).Within(1e-4));
        Assert.That(w.grad!.data<float>().ToArray(), Is.EqualTo(new[] { 2 * dot * 0.5f, 2 * dot * 4f, 2 * dot * -1f }).Within(1e-4));
    }

    [Test]
    public void LinearLayerTrainsOnAStep()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(0);
        var layer = nn.Linear(4, 1);
        var optimizer = optim.SGD(layer.parameters(), 0.1);
        var input = randn(16, 4);
        var target = input.sum(1, keepdim: true);
        var before = nn.functional.mse_loss(layer.forward(input), target).item<float>();
        for (var i = 0; i < 20; i++)
        {
            optimizer.zero_grad();
            nn.functional.mse_loss(layer.forward(input), target).backward();
            optimizer.step();
        }
        var after = nn.functional.mse_loss(layer.forward(input), target).item<float>();
        Assert.That(after, Is.LessThan(before * 0.5f));
    }
}
