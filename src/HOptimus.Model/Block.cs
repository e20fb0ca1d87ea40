// Shapes: B batch, N tokens, D width.
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// timm's pre-norm transformer block: x + ls1(attn(norm1(x))), then x + ls2(mlp(norm2(x))), with per-sample
/// drop-path scales on each branch. The residual stream stays fp32 in every precision.
/// </summary>
public sealed class Block : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm norm1;
    private readonly Attention attn;
    private readonly LayerScale? ls1;
    private readonly LayerNorm norm2;
    private readonly Mlp mlp;
    private readonly LayerScale? ls2;

    public Block(ViTConfig config, Precision precision) : base(nameof(Block))
    {
        norm1 = nn.LayerNorm(config.EmbedDim, config.LayerNormEps);
        attn = new Attention(config.EmbedDim, config.NumHeads, precision);
        norm2 = nn.LayerNorm(config.EmbedDim, config.LayerNormEps);
        mlp = new Mlp(config, precision);
        if (config.LayerScaleInit is { } init)
        {
            ls1 = new LayerScale(config.EmbedDim, init);
            ls2 = new LayerScale(config.EmbedDim, init);
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor x_BND) => Forward(x_BND, null, null);

    /// <summary>One block with drop-path scales [B, 1, 1] per branch (null: keep all).</summary>
    public Tensor Forward(Tensor x_BND, Tensor? keep1_B11, Tensor? keep2_B11)
    {
        x_BND = x_BND + Branch(attn.forward(norm1.forward(x_BND)), ls1, keep1_B11);
        return x_BND + Branch(mlp.forward(norm2.forward(x_BND)), ls2, keep2_B11);
    }

    private static Tensor Branch(Tensor y_BND, LayerScale? scale, Tensor? keep_B11)
    {
        // LayerScale's fp32 gamma promotes a bf16 branch back to fp32 before the residual sum.
        y_BND = scale is null ? y_BND.to(ScalarType.Float32) : scale.forward(y_BND);
        return keep_B11 is null ? y_BND : y_BND * keep_B11;
    }
}
