using TorchSharp.Modules;

namespace HOptimus.Training.Optim;

/// <summary>
/// One trainable tensor with its logical name ("backbone.blocks.3.attn.qkv.weight") and DINOv2's
/// per-parameter multipliers: lr x <see cref="LrMultiplier"/>, weight decay x <see cref="WeightDecayMultiplier"/>.
/// </summary>
public sealed record ParameterGroup(string Name, Parameter Parameter, double LrMultiplier, double WeightDecayMultiplier, bool IsLastLayer);
