// Shapes: B batch, C channels, H/W pixels, P patches, T tokens (prefix + patches), R registers, D width.
using HOptimus.Core;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// timm's VisionTransformer with exactly timm's parameter names and shapes (<see cref="TimmKeys"/>): class
/// token, optional register tokens, position embedding with or without a class slot, pre-norm blocks,
/// final norm, no head. Token order is [cls, registers, patches], as in timm.
/// </summary>
public sealed class VisionTransformer : nn.Module<Tensor, Tensor>
{
    private readonly Parameter cls_token;
    private readonly Parameter? reg_token;
    private readonly Parameter pos_embed;
    private readonly PatchEmbed patch_embed;
    private readonly ModuleList<Block> blocks;
    private readonly LayerNorm norm;
    private readonly Parameter? mask_token;
    private readonly double[] dropRates;

    public ViTConfig Config { get; }
    public BackboneOptions Options { get; }

    /// <summary>The one parameter that is not timm's (iBOT's mask token); exports leave it out.</summary>
    public const string MaskTokenKey = "mask_token";

    public VisionTransformer(ViTConfig config, BackboneOptions? options = null) : base(nameof(VisionTransformer))
    {
        Config = config.Validated();
        Options = (options ?? new BackboneOptions()).Validated();
        long d = config.EmbedDim;
        cls_token = new Parameter(zeros(1, 1, d));
        if (config.RegisterTokens > 0) reg_token = new Parameter(zeros(1, config.RegisterTokens, d));
        pos_embed = new Parameter(zeros(1, config.PosEmbedTokens, d));
        patch_embed = new PatchEmbed(config, Options.Precision);
        blocks = new ModuleList<Block>(Enumerable.Range(0, config.Depth).Select(_ => new Block(config, Options.Precision)).ToArray());
        norm = nn.LayerNorm(d, config.LayerNormEps);
        if (Options.MaskToken) mask_token = new Parameter(zeros(1, d));
        dropRates = DropPath.Rates(config.Depth, Options.DropPathRate, Options.DropPathUniform);
        RegisterComponents();
        InitWeights();
    }

    /// <summary>CLS feature after the final norm [B, D].</summary>
    public override Tensor forward(Tensor images_BCHW) => ForwardFeatures(images_BCHW).Cls_BD;

    /// <summary>
    /// Normed CLS and patch tokens. <paramref name="masks_BP"/> (bool, true = masked) swaps masked patches for
    /// the mask token before position embedding, as DINOv2 does for iBOT. Images of any multiple of the
    /// patch size work: the position embedding is resampled as timm's dynamic_img_size does.
    /// </summary>
    public (Tensor Cls_BD, Tensor Patches_BPD) ForwardFeatures(Tensor images_BCHW, Tensor? masks_BP = null)
    {
        long b = images_BCHW.shape[0];
        var x_BPD = patch_embed.forward(images_BCHW);
        if (masks_BP is not null)
        {
            if (mask_token is null) throw new InvalidOperationException("masks given to a backbone built without BackboneOptions.MaskToken");
            x_BPD = where(masks_BP.unsqueeze(-1), mask_token.unsqueeze(0), x_BPD);
        }
        var pos_1TD = PositionEmbedding(images_BCHW.shape[2] / Config.PatchSize, images_BCHW.shape[3] / Config.PatchSize);
        var prefix = new List<Tensor> { cls_token.expand(b, -1, -1) };
        if (reg_token is not null) prefix.Add(reg_token.expand(b, -1, -1));
        Tensor x_BTD = Config.NoEmbedClass
            ? cat([.. prefix, x_BPD + pos_1TD], 1)
            : cat([.. prefix, x_BPD], 1) + pos_1TD;
        bool recompute = Options.ActivationCheckpointing && training && is_grad_enabled();
        for (int i = 0; i < blocks.Count; i++)
        {
            var rate = training ? dropRates[i] : 0;
            var keep1_B11 = DropPath.SampleScales(b, rate, x_BTD.device);
            var keep2_B11 = DropPath.SampleScales(b, rate, x_BTD.device);
            x_BTD = recompute
                ? BlockRecompute.Run(blocks[i], x_BTD, keep1_B11, keep2_B11)
                : blocks[i].Forward(x_BTD, keep1_B11, keep2_B11);
        }
        x_BTD = norm.forward(x_BTD);
        return (x_BTD[.., 0], x_BTD[.., Config.PrefixTokens..]);
    }

    /// <summary>The timm state dict (no mask token), parameters by reference.</summary>
    public Dictionary<string, Tensor> TimmStateDict() =>
        named_parameters().Where(p => p.name != MaskTokenKey).ToDictionary(p => p.name, p => (Tensor)p.parameter);

    /// <summary>Copies timm-keyed weights in; keys and shapes must match <see cref="TimmKeys"/> exactly.</summary>
    public void LoadTimmStateDict(IReadOnlyDictionary<string, Tensor> weights, string source)
    {
        var problems = TimmKeys.Mismatches(Config, weights.ToDictionary(kv => kv.Key, kv => kv.Value.shape));
        if (problems.Count > 0)
            throw HoptException.BadInput($"{source}: does not match {Config.Name} ({Config.TimmArchitecture}):\n  - " + string.Join("\n  - ", problems.Take(20)));
        using var _ = no_grad();
        foreach (var (name, parameter) in named_parameters())
            if (weights.TryGetValue(name, out var w)) parameter.copy_(w);
    }

    private Tensor PositionEmbedding(long gridH, long gridW)
    {
        int g = Config.GridSize;
        if (gridH == g && gridW == g) return pos_embed;
        int prefix = Config.NoEmbedClass ? 0 : Config.PrefixTokens;
        var patches_1DGG = pos_embed[.., prefix..].reshape(1, g, g, -1).permute(0, 3, 1, 2);
        var resized_1PD = nn.functional.interpolate(patches_1DGG, [gridH, gridW], mode: InterpolationMode.Bicubic,
            align_corners: false, antialias: true).permute(0, 2, 3, 1).reshape(1, gridH * gridW, -1);
        return prefix == 0 ? resized_1PD : cat([pos_embed[.., ..prefix], resized_1PD], 1);
    }

    /// <summary>timm/DINOv2 init: pos_embed trunc-normal(0.02), tokens normal(1e-6), Linear trunc-normal(0.02) with zero bias.</summary>
    private void InitWeights()
    {
        using var _ = no_grad();
        TruncatedNormal.Fill(pos_embed, std: 0.02);
        nn.init.normal_(cls_token, std: 1e-6);
        if (reg_token is not null) nn.init.normal_(reg_token, std: 1e-6);
        foreach (var module in modules())
            if (module is Linear linear)
            {
                TruncatedNormal.Fill(linear.weight!, std: 0.02);
                if (linear.bias is not null) nn.init.zeros_(linear.bias);
            }
    }
}
