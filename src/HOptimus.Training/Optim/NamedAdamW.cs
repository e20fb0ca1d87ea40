using HOptimus.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace HOptimus.Training.Optim;

/// <summary>
/// AdamW with the arithmetic of torch.optim.AdamW's single-tensor path, written out so its state is
/// keyed by LOGICAL parameter name (checkpoints resume on any world size) and can be saved and
/// restored exactly. TorchSharp's AdamW keeps its state by tensor handle, which a checkpoint cannot name.
/// </summary>
public sealed class NamedAdamW : IDisposable
{
    private readonly IReadOnlyList<ParameterGroup> _groups;
    private readonly Dictionary<string, (Tensor ExpAvg, Tensor ExpAvgSq)> _moments = new();
    private readonly Dictionary<string, long> _steps = new();
    private readonly double _beta1, _beta2, _eps;

    public NamedAdamW(IReadOnlyList<ParameterGroup> groups, double beta1, double beta2, double eps)
    {
        _groups = groups;
        (_beta1, _beta2, _eps) = (beta1, beta2, eps);
        foreach (var g in groups)
        {
            if (!_moments.TryAdd(g.Name, (zeros_like(g.Parameter).DetachFromDisposeScope(), zeros_like(g.Parameter).DetachFromDisposeScope())))
                throw new ArgumentException($"duplicate parameter name {g.Name}");
            _steps[g.Name] = 0;
        }
    }

    public IReadOnlyList<ParameterGroup> Groups => _groups;

    /// <summary>One update of every parameter with a gradient; the last layer is skipped while frozen.</summary>
    public void Step(double lr, double weightDecay, bool freezeLastLayer)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var g in _groups)
        {
            var grad = g.Parameter.grad;
            if (grad is null || (freezeLastLayer && g.IsLastLayer)) continue;
            var step = ++_steps[g.Name];
            var (expAvg, expAvgSq) = _moments[g.Name];
            var groupLr = lr * g.LrMultiplier;
            using var decay = HeldScalar.Of(1 - groupLr * weightDecay * g.WeightDecayMultiplier);
            using var beta1 = HeldScalar.Of(_beta1);
            using var oneMinusBeta1 = HeldScalar.Of(1 - _beta1);
            using var beta2 = HeldScalar.Of(_beta2);
            using var oneMinusBeta2 = HeldScalar.Of(1 - _beta2);
            using var biasCorrection2Sqrt = HeldScalar.Of(Math.Sqrt(1 - Math.Pow(_beta2, step)));
            using var eps = HeldScalar.Of(_eps);
            using var stepSize = HeldScalar.Of(-groupLr / (1 - Math.Pow(_beta1, step)));
            g.Parameter.mul_(decay);
            expAvg.mul_(beta1).add_(grad, alpha: oneMinusBeta1);
            expAvgSq.mul_(beta2).addcmul_(grad, grad, value: oneMinusBeta2);
            var denom = expAvgSq.sqrt().div_(biasCorrection2Sqrt).add_(eps);
            g.Parameter.addcdiv_(expAvg, denom, value: stepSize);
        }
    }

    public void ZeroGrad()
    {
        foreach (var g in _groups) g.Parameter.grad = null;
    }

    /// <summary>The moments as "name.exp_avg" / "name.exp_avg_sq" (views of the live tensors).</summary>
    public Dictionary<string, Tensor> MomentTensors()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, (m, v)) in _moments)
        {
            state[name + ".exp_avg"] = m;
            state[name + ".exp_avg_sq"] = v;
        }
        return state;
    }

    public IReadOnlyDictionary<string, long> StepCounts => _steps;

    /// <summary>Restores moments and step counts saved by <see cref="MomentTensors"/>; every name must be present.</summary>
    public void Load(IReadOnlyDictionary<string, Tensor> moments, IReadOnlyDictionary<string, long> steps, string source)
    {
        using var _ = no_grad();
        foreach (var (name, (m, v)) in _moments)
        {
            if (!moments.TryGetValue(name + ".exp_avg", out var savedM) || !moments.TryGetValue(name + ".exp_avg_sq", out var savedV)
                || !steps.TryGetValue(name, out var step))
                throw Core.HoptException.BadInput($"{source}: optimizer state lacks parameter {name}");
            if (!savedM.shape.SequenceEqual(m.shape))
                throw Core.HoptException.BadInput($"{source}: optimizer state of {name} has shape [{string.Join(",", savedM.shape)}], the model [{string.Join(",", m.shape)}]");
            m.copy_(savedM);
            v.copy_(savedV);
            _steps[name] = step;
        }
    }

    public void Dispose()
    {
        foreach (var (m, v) in _moments.Values)
        {
            m.Dispose();
            v.Dispose();
        }
        _moments.Clear();
    }
}
