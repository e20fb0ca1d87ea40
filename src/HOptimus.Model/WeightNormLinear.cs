// Shapes: B rows, I inputs, K outputs.
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// torch.nn.utils.weight_norm(nn.Linear(I, K, bias=False)) with its parameter names: weight = g · v / ‖v‖ per
/// output row, <c>weight_g</c> [K, 1] (initialised to 1 as DINOv2 does) and <c>weight_v</c> [K, I].
/// </summary>
public sealed class WeightNormLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight_g;
    private readonly Parameter weight_v;

    public WeightNormLinear(int inputs, int outputs) : base(nameof(WeightNormLinear))
    {
        var v_KI = empty(outputs, inputs);
        TruncatedNormal.Fill(v_KI, std: 0.02);
        weight_v = new Parameter(v_KI);
        weight_g = new Parameter(ones(outputs, 1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x_BI)
    {
        var w_KI = weight_g * weight_v / weight_v.norm(1, keepdim: true);
        return nn.functional.linear(x_BI, w_KI);
    }
}
