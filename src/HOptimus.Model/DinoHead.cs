// Shapes: B rows, D backbone width, E bottleneck, K prototypes.
using HOptimus.Core;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// DINOv2's DINOHead with its parameter names: <c>mlp</c> (Linear, GELU, …, Linear → bottleneck), L2
/// normalisation, then weight-normalised prototypes <c>last_layer</c>. Used for both the DINO (CLS) and the
/// iBOT (patch) heads. Runs in fp32 whatever the backbone precision: its output feeds temperature softmaxes.
/// </summary>
public sealed class DinoHead : nn.Module<Tensor, Tensor>
{
    private readonly Sequential mlp;
    private readonly WeightNormLinear last_layer;

    public DinoHeadConfig Config { get; }

    public DinoHead(int inputDim, DinoHeadConfig config) : base(nameof(DinoHead))
    {
        Config = config.Validated();
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        if (config.Layers == 1)
        {
            layers.Add(("0", nn.Linear(inputDim, config.BottleneckDim)));
        }
        else
        {
            // Names follow nn.Sequential's indices: mlp.0 Linear, mlp.1 GELU, mlp.2 Linear, ...
            int width = inputDim;
            for (int i = 0; i < config.Layers - 1; i++)
            {
                layers.Add(($"{2 * i}", nn.Linear(width, config.HiddenDim)));
                layers.Add(($"{2 * i + 1}", nn.GELU()));
                width = config.HiddenDim;
            }
            layers.Add(($"{2 * (config.Layers - 1)}", nn.Linear(width, config.BottleneckDim)));
        }
        mlp = nn.Sequential(layers);
        last_layer = new WeightNormLinear(config.BottleneckDim, config.OutDim);
        RegisterComponents();
        using var _ = no_grad();
        foreach (var module in mlp.modules())
            if (module is Linear linear)
            {
                TruncatedNormal.Fill(linear.weight!, std: 0.02);
                nn.init.zeros_(linear.bias!);
            }
    }

    public override Tensor forward(Tensor x_BD)
    {
        var z_BE = nn.functional.normalize(mlp.forward(x_BD.to(ScalarType.Float32)), p: 2, dim: -1, eps: 1e-12);
        return last_layer.forward(z_BE);
    }
}
