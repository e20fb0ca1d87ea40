using System.Text.Json.Serialization;
using HOptimus.Core;

namespace HOptimus.Model;

/// <summary>
/// The architecture of a timm VisionTransformer, and nothing about training. It is stored in every
/// checkpoint manifest and export, so a backbone can always be rebuilt from its files.
/// </summary>
public sealed record ViTConfig : IValidatable
{
    /// <summary>Preset name this config came from ("vit-giant-reg4"), or "custom".</summary>
    public string Name { get; init; } = "custom";

    /// <summary>timm model name whose builder, given <see cref="TimmModelArgs"/>, makes this exact network.</summary>
    public string TimmArchitecture { get; init; } = "vit_giant_patch14_reg4_dinov2";

    /// <summary>Input side in pixels the position embedding is laid out for (default 224 = 16 × 14).</summary>
    public int ImageSize { get; init; } = 224;

    /// <summary>Patch side in pixels (default 14).</summary>
    public int PatchSize { get; init; } = 14;

    /// <summary>Input channels (default 3, RGB).</summary>
    public int InChannels { get; init; } = 3;

    /// <summary>Token width D (default 1536).</summary>
    public int EmbedDim { get; init; } = 1536;

    /// <summary>Number of transformer blocks (default 40).</summary>
    public int Depth { get; init; } = 40;

    /// <summary>Attention heads; D must divide by it (default 24, head dim 64).</summary>
    public int NumHeads { get; init; } = 24;

    /// <summary>timm mlp_ratio: fc1 has floor(D × ratio) outputs (default 5.33334 → 8192 for D = 1536).</summary>
    public double MlpRatio { get; init; } = 2.66667 * 2;

    /// <summary>MLP flavour (default SwiGluPacked).</summary>
    public MlpKind Mlp { get; init; } = MlpKind.SwiGluPacked;

    /// <summary>Register tokens after the class token (default 4).</summary>
    public int RegisterTokens { get; init; } = 4;

    /// <summary>LayerScale init value; null means no LayerScale (default 1e-5).</summary>
    public double? LayerScaleInit { get; init; } = 1e-5;

    /// <summary>timm no_embed_class: the position embedding covers patches only (default true).</summary>
    public bool NoEmbedClass { get; init; } = true;

    /// <summary>LayerNorm epsilon (default 1e-6, timm's ViT).</summary>
    public double LayerNormEps { get; init; } = 1e-6;

    [JsonIgnore] public int GridSize => ImageSize / PatchSize;
    [JsonIgnore] public int NumPatches => GridSize * GridSize;
    [JsonIgnore] public int HeadDim => EmbedDim / NumHeads;
    [JsonIgnore] public int MlpHiddenDim => (int)(EmbedDim * MlpRatio);
    /// <summary>Width of fc2's input: the whole hidden layer, or its value half for a packed SwiGLU.</summary>
    [JsonIgnore] public int MlpOutInputDim => Mlp == MlpKind.SwiGluPacked ? MlpHiddenDim / 2 : MlpHiddenDim;
    /// <summary>Class token plus registers: the tokens in front of the patches.</summary>
    [JsonIgnore] public int PrefixTokens => 1 + RegisterTokens;
    [JsonIgnore] public int PosEmbedTokens => NoEmbedClass ? NumPatches : NumPatches + PrefixTokens;
    /// <summary>Feature dimension of the CLS output (timm num_features).</summary>
    [JsonIgnore] public int NumFeatures => EmbedDim;

    /// <summary>
    /// Parameters of the timm backbone (no head, no mask token), counted from the config alone so a
    /// 1.1 B-parameter model can be sized without allocating it.
    /// </summary>
    public long ParameterCount()
    {
        long d = EmbedDim, h = MlpHiddenDim;
        long patchEmbed = (long)InChannels * PatchSize * PatchSize * d + d;
        long tokens = d /* cls */ + RegisterTokens * d + (long)PosEmbedTokens * d;
        long attention = (3 * d * d + 3 * d) + (d * d + d);
        long mlp = (d * h + h) + ((long)MlpOutInputDim * d + d);
        long norms = 2 * (2 * d);
        long layerScale = LayerScaleInit is null ? 0 : 2 * d;
        long block = norms + attention + mlp + layerScale;
        return patchEmbed + tokens + Depth * block + 2 * d;
    }

    /// <summary>
    /// Forward FLOPs of one image (2 per multiply-add), matrix products only: patch embedding, qkv, attention
    /// scores and weighted values, projection, MLP; norms, softmax and activations add a few percent.
    /// T = prefix + patches tokens at <paramref name="imageSize"/> px (default the config's; local crops differ).
    /// A training step costs about 3× this (backward = 2× forward), 4× with activation checkpointing.
    /// </summary>
    public double ForwardFlopsPerImage(int? imageSize = null)
    {
        double side = (imageSize ?? ImageSize) / PatchSize, patches = side * side, d = EmbedDim;
        double t = PrefixTokens + patches;
        double patchEmbed = 2 * patches * InChannels * PatchSize * PatchSize * d;
        double attention = 2 * t * d * 3 * d + 2 * 2 * t * t * d + 2 * t * d * d;
        double mlp = 2 * t * d * MlpHiddenDim + 2 * t * MlpOutInputDim * d;
        return patchEmbed + Depth * (attention + mlp);
    }

    public IEnumerable<string> Validate()
    {
        foreach (var (key, value) in new (string, double)[]
                 {
                     ("ImageSize", ImageSize), ("PatchSize", PatchSize), ("InChannels", InChannels),
                     ("EmbedDim", EmbedDim), ("Depth", Depth), ("NumHeads", NumHeads), ("MlpRatio", MlpRatio),
                     ("LayerNormEps", LayerNormEps),
                 })
            foreach (var e in OptionsValidation.Positive($"model.{key}", value)) yield return e;
        if (RegisterTokens < 0) yield return $"model.RegisterTokens: must be >= 0, got {RegisterTokens}";
        if (PatchSize > 0 && ImageSize % PatchSize != 0)
            yield return $"model.ImageSize: {ImageSize} px is not a multiple of PatchSize {PatchSize}";
        if (NumHeads > 0 && EmbedDim % NumHeads != 0)
            yield return $"model.EmbedDim: {EmbedDim} does not divide into NumHeads {NumHeads}";
        if (Mlp == MlpKind.SwiGluPacked && MlpHiddenDim % 2 != 0)
            yield return $"model.MlpRatio: a packed SwiGLU needs an even hidden width, EmbedDim × MlpRatio gives {MlpHiddenDim}";
        if (LayerScaleInit is <= 0) yield return $"model.LayerScaleInit: must be > 0 or null (no LayerScale), got {LayerScaleInit}";
    }

    /// <summary>The preset names <see cref="Preset"/> knows.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["vit-tiny", "vit-small", "vit-large", "vit-giant-reg4"];

    /// <summary>A named architecture; an unknown name is a usage error listing the known ones.</summary>
    public static ViTConfig Preset(string name) => name switch
    {
        // H-optimus-1 shrunk for CI: same family (registers, LayerScale, packed SwiGLU, no_embed_class),
        // 56 px = 4 × 4 patches, D 96 → fc1 floor(96 × 5.33334) = 512, 3 heads of 32. Trains in seconds on 2 cores.
        "vit-tiny" => new ViTConfig
        {
            Name = name, ImageSize = 56, EmbedDim = 96, Depth = 3, NumHeads = 3,
        },
        // timm vit_small_patch14_dinov2 at 224: GELU MLP, class slot in the position embedding, no registers.
        "vit-small" => new ViTConfig
        {
            Name = name, TimmArchitecture = "vit_small_patch14_dinov2", EmbedDim = 384, Depth = 12, NumHeads = 6,
            MlpRatio = 4, Mlp = MlpKind.Gelu, RegisterTokens = 0, NoEmbedClass = false,
        },
        "vit-large" => new ViTConfig
        {
            Name = name, TimmArchitecture = "vit_large_patch14_dinov2", EmbedDim = 1024, Depth = 24, NumHeads = 16,
            MlpRatio = 4, Mlp = MlpKind.Gelu, RegisterTokens = 0, NoEmbedClass = false,
        },
        // H-optimus-1 (PLATFORM.md): ViT-g/14, 40 × 1536, 24 heads, 4 registers, 1,134,774,272 parameters at 224 px.
        "vit-giant-reg4" => new ViTConfig { Name = name },
        _ => throw HoptException.Usage($"unknown model preset '{name}'; known: {string.Join(", ", PresetNames)}"),
    };

    /// <summary>
    /// timm create_model keyword arguments that rebuild this network from <see cref="TimmArchitecture"/>
    /// (the MLP layer is implied by the architecture name).
    /// </summary>
    public Dictionary<string, object?> TimmModelArgs() => new()
    {
        ["img_size"] = ImageSize,
        ["patch_size"] = PatchSize,
        ["in_chans"] = InChannels,
        ["embed_dim"] = EmbedDim,
        ["depth"] = Depth,
        ["num_heads"] = NumHeads,
        ["mlp_ratio"] = MlpRatio,
        ["init_values"] = LayerScaleInit,
        ["reg_tokens"] = RegisterTokens,
        ["no_embed_class"] = NoEmbedClass,
        ["num_classes"] = 0,
        ["global_pool"] = "token",
    };
}
