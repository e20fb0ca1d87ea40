// Shapes: B batch, N tokens, D width, h heads, d head dim (D = h·d).
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>timm Attention: packed <c>qkv</c> D→3D, scaled-dot-product attention, <c>proj</c> D→D.</summary>
public sealed class Attention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly int heads;
    private readonly ScalarType dtype;

    public Attention(int dim, int numHeads, Precision precision) : base(nameof(Attention))
    {
        heads = numHeads;
        dtype = Compute.DType(precision);
        qkv = nn.Linear(dim, 3 * dim);
        proj = nn.Linear(dim, dim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x_BND)
    {
        long b = x_BND.shape[0], n = x_BND.shape[1], d = x_BND.shape[2];
        var qkv_3BhNd = Compute.Linear(x_BND, qkv, dtype).reshape(b, n, 3, heads, d / heads).permute(2, 0, 3, 1, 4);
        var (q_BhNd, k_BhNd, v_BhNd) = (qkv_3BhNd[0], qkv_3BhNd[1], qkv_3BhNd[2]);
        var out_BhNd = nn.functional.scaled_dot_product_attention(q_BhNd, k_BhNd, v_BhNd);
        var out_BND = out_BhNd.transpose(1, 2).reshape(b, n, d);
        return Compute.Linear(out_BND, proj, dtype);
    }
}
