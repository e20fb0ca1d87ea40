using HOptimus.Model;

namespace EvalFeaturesBench;

/// <summary>
/// Multiply-add FLOPs (2 per MAC) of one image through the backbone: the matrix products only (norms,
/// softmax and activations are a few percent). T tokens = prefix + patches, D width, H MLP hidden width.
/// </summary>
public static class ForwardFlops
{
    public static double PerImage(ViTConfig c)
    {
        double t = c.PrefixTokens + c.NumPatches, d = c.EmbedDim;
        var patchEmbed = 2.0 * c.NumPatches * (c.InChannels * c.PatchSize * c.PatchSize) * d;
        var attention = 2 * t * d * 3 * d   // qkv
                        + 2 * 2 * t * t * d // scores and weighted values
                        + 2 * t * d * d;    // output projection
        var mlp = 2 * t * d * c.MlpHiddenDim + 2 * t * c.MlpOutInputDim * d;
        return patchEmbed + c.Depth * (attention + mlp);
    }
}
