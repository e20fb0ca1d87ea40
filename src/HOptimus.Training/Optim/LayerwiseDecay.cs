using TorchSharp.Modules;

namespace HOptimus.Training.Optim;

/// <summary>
/// DINOv2's get_params_groups_with_decay: embeddings are layer 0, block i is layer i + 1, everything
/// after (final norm, heads) is layer depth + 1, and a layer's lr is scaled by decay^(depth + 1 - layer).
/// Biases, norms and LayerScale gammas get no weight decay; the patch embedding gets an extra lr factor.
/// </summary>
public static class LayerwiseDecay
{
    public static IReadOnlyList<ParameterGroup> Groups(
        IEnumerable<(string Name, Parameter Parameter)> parameters, int depth, double decay, double patchEmbedLrMultiplier)
    {
        var groups = new List<ParameterGroup>();
        foreach (var (name, parameter) in parameters)
        {
            if (!parameter.requires_grad) continue;
            var lr = Math.Pow(decay, depth + 1 - LayerId(name, depth));
            if (name.Contains("patch_embed")) lr *= patchEmbedLrMultiplier;
            var noDecay = name.EndsWith(".bias") || name.Contains("norm") || name.Contains("gamma") || parameter.dim() == 1;
            groups.Add(new ParameterGroup(name, parameter, lr, noDecay ? 0.0 : 1.0, name.Contains("last_layer")));
        }
        return groups;
    }

    /// <summary>The layer a backbone parameter belongs to; heads and the final norm are layer depth + 1.</summary>
    public static int LayerId(string name, int depth)
    {
        if (!name.StartsWith("backbone.")) return depth + 1;
        if (name.Contains(".pos_embed") || name.Contains(".patch_embed") || name.Contains(".cls_token")
            || name.Contains(".reg_token") || name.Contains(".mask_token"))
            return 0;
        var at = name.IndexOf(".blocks.", StringComparison.Ordinal);
        if (at >= 0)
        {
            var rest = name[(at + ".blocks.".Length)..];
            var dot = rest.IndexOf('.');
            if (int.TryParse(dot < 0 ? rest : rest[..dot], out var block)) return block + 1;
        }
        return depth + 1;
    }
}
