// Shapes: B batch, N tokens, D width, H hidden (fc1 outputs), G = H/2 gated width.
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>timm's block MLP: <c>fc1</c> and <c>fc2</c>, either GELU or a packed SwiGLU (see <see cref="MlpKind"/>).</summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly MlpKind kind;
    private readonly ScalarType dtype;

    public Mlp(ViTConfig config, Precision precision) : base(nameof(Mlp))
    {
        kind = config.Mlp;
        dtype = Compute.DType(precision);
        fc1 = nn.Linear(config.EmbedDim, config.MlpHiddenDim);
        fc2 = nn.Linear(config.MlpOutInputDim, config.EmbedDim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x_BND)
    {
        var h_BNH = Compute.Linear(x_BND, fc1, dtype);
        Tensor a_BNG;
        if (kind == MlpKind.SwiGluPacked)
        {
            // timm GluMlp with gate_last=False: the first half is the gate.
            var halves = h_BNH.chunk(2, -1);
            a_BNG = nn.functional.silu(halves[0]) * halves[1];
        }
        else
        {
            a_BNG = nn.functional.gelu(h_BNH);
        }
        return Compute.Linear(a_BNG, fc2, dtype);
    }
}
