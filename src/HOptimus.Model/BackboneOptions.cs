using HOptimus.Core;

namespace HOptimus.Model;

/// <summary>
/// How a backbone runs, apart from its architecture (<see cref="ViTConfig"/>): precision, activation
/// checkpointing, stochastic depth, and whether it carries iBOT's mask token.
/// </summary>
public sealed record BackboneOptions : IValidatable
{
    /// <summary>Compute precision; weights stay fp32 either way (default Fp32).</summary>
    public Precision Precision { get; init; } = Precision.Fp32;

    /// <summary>
    /// Recompute each block's activations in the backward pass instead of storing them: memory per block
    /// drops to its input, for about one more forward of compute (default false).
    /// </summary>
    public bool ActivationCheckpointing { get; init; }

    /// <summary>Stochastic-depth rate, per sample, in training mode only (default 0; DINOv2 ViT-g uses 0.4).</summary>
    public double DropPathRate { get; init; }

    /// <summary>Same rate in every block (DINOv2 for ViT-g) instead of timm's linear ramp 0 → rate (default true).</summary>
    public bool DropPathUniform { get; init; } = true;

    /// <summary>
    /// Adds the learned <c>mask_token</c> [1, D] that replaces masked patches for iBOT. It is not a timm key:
    /// <see cref="VisionTransformer.TimmStateDict"/> and exports leave it out (default false).
    /// </summary>
    public bool MaskToken { get; init; }

    public IEnumerable<string> Validate() => OptionsValidation.InRange("model.DropPathRate", DropPathRate, 0, 0.99);
}
