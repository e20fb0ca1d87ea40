namespace HOptimus.Model;

/// <summary>
/// The exact timm state-dict keys and shapes of a <see cref="ViTConfig"/>, from the config alone: exports and
/// checkpoints are checked against it before anything is built.
/// </summary>
public static class TimmKeys
{
    /// <summary>Every key of timm's VisionTransformer (num_classes = 0) in timm's order, with its shape.</summary>
    public static IReadOnlyList<(string Key, long[] Shape)> Expected(ViTConfig c)
    {
        long d = c.EmbedDim;
        var keys = new List<(string, long[])>
        {
            ("cls_token", [1, 1, d]),
        };
        if (c.RegisterTokens > 0) keys.Add(("reg_token", [1, c.RegisterTokens, d]));
        keys.Add(("pos_embed", [1, c.PosEmbedTokens, d]));
        keys.Add(("patch_embed.proj.weight", [d, c.InChannels, c.PatchSize, c.PatchSize]));
        keys.Add(("patch_embed.proj.bias", [d]));
        for (int i = 0; i < c.Depth; i++)
        {
            var b = $"blocks.{i}.";
            keys.Add((b + "norm1.weight", [d]));
            keys.Add((b + "norm1.bias", [d]));
            keys.Add((b + "attn.qkv.weight", [3 * d, d]));
            keys.Add((b + "attn.qkv.bias", [3 * d]));
            keys.Add((b + "attn.proj.weight", [d, d]));
            keys.Add((b + "attn.proj.bias", [d]));
            if (c.LayerScaleInit is not null) keys.Add((b + "ls1.gamma", [d]));
            keys.Add((b + "norm2.weight", [d]));
            keys.Add((b + "norm2.bias", [d]));
            keys.Add((b + "mlp.fc1.weight", [c.MlpHiddenDim, d]));
            keys.Add((b + "mlp.fc1.bias", [c.MlpHiddenDim]));
            keys.Add((b + "mlp.fc2.weight", [d, c.MlpOutInputDim]));
            keys.Add((b + "mlp.fc2.bias", [d]));
            if (c.LayerScaleInit is not null) keys.Add((b + "ls2.gamma", [d]));
        }
        keys.Add(("norm.weight", [d]));
        keys.Add(("norm.bias", [d]));
        return keys;
    }

    /// <summary>
    /// Every way <paramref name="actual"/> (key → shape) differs from the config's timm keys: missing keys,
    /// unexpected keys and wrong shapes, one line each. Empty when they match exactly.
    /// </summary>
    public static List<string> Mismatches(ViTConfig config, IReadOnlyDictionary<string, long[]> actual)
    {
        var problems = new List<string>();
        var expected = Expected(config);
        var expectedKeys = new HashSet<string>(expected.Select(e => e.Key));
        foreach (var (key, shape) in expected)
        {
            if (!actual.TryGetValue(key, out var got)) problems.Add($"missing key '{key}' (expected shape {Format(shape)})");
            else if (!got.SequenceEqual(shape)) problems.Add($"'{key}' has shape {Format(got)}, expected {Format(shape)}");
        }
        foreach (var key in actual.Keys.Where(k => !expectedKeys.Contains(k)).Order(StringComparer.Ordinal))
            problems.Add($"unexpected key '{key}'");
        return problems;
    }

    public static string Format(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
