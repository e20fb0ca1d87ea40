using HOptimus.Training.Optim;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HOptimus.Training.Tests;

public class NamedAdamWTests
{
    [Test]
    public void MatchesTorchSharpsAdamWStepForStep()
    {
        manual_seed(3);
        var init = randn(8, 5);
        var ours = new Parameter(init.clone());
        var theirs = new Parameter(init.clone());
        using var named = new NamedAdamW([new ParameterGroup("w", ours, 1, 1, false)], 0.9, 0.999, 1e-8);
        var reference = optim.AdamW([theirs], lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.05);
        for (var step = 0; step < 5; step++)
        {
            var grad = randn(8, 5);
            ours.grad = grad.clone();
            theirs.grad = grad.clone();
            named.Step(0.01, 0.05, freezeLastLayer: false);
            reference.step();
        }
        Assert.That((ours - theirs).abs().max().item<float>(), Is.LessThan(1e-6f));
        Assert.That((ours - init).abs().max().item<float>(), Is.GreaterThan(1e-3f), "the parameter must have moved");
    }

    [Test]
    public void FrozenLastLayerIsNotUpdatedAndKeepsItsStepCount()
    {
        var p = new Parameter(ones(3));
        using var named = new NamedAdamW([new ParameterGroup("head.last_layer.weight_v", p, 1, 0, true)], 0.9, 0.999, 1e-8);
        p.grad = ones(3);
        named.Step(0.1, 0, freezeLastLayer: true);
        Assert.That(p.sum().item<float>(), Is.EqualTo(3f));
        Assert.That(named.StepCounts["head.last_layer.weight_v"], Is.Zero);
        named.Step(0.1, 0, freezeLastLayer: false);
        Assert.That(p.sum().item<float>(), Is.LessThan(3f));
        Assert.That(named.StepCounts["head.last_layer.weight_v"], Is.EqualTo(1));
    }
}
