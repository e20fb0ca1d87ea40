namespace HOptimus.Model;

/// <summary>A backbone loaded from an export: the network (eval mode, CPU, fp32 weights), its config and normalisation.</summary>
public sealed record LoadedBackbone(
    VisionTransformer Model, ViTConfig Config, IReadOnlyList<float> Mean, IReadOnlyList<float> Std, string WeightsSha256);
