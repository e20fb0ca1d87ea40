// Shapes: B batch, N tokens, D width.
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>timm LayerScale: a learned per-channel gain <c>gamma</c> [D], kept in fp32.</summary>
public sealed class LayerScale : nn.Module<Tensor, Tensor>
{
    private readonly Parameter gamma;

    public LayerScale(int dim, double initValue) : base(nameof(LayerScale))
    {
        using var init = HeldScalar.Of(initValue);
        gamma = new Parameter(full(dim, init, dtype: ScalarType.Float32));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x_BND) => x_BND * gamma;
}
