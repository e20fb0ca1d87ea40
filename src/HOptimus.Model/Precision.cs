namespace HOptimus.Model;

/// <summary>
/// Compute precision of the backbone. Weights always stay fp32 (the master copy the optimizer updates);
/// Bf16 casts activations and weights to bf16 at each matmul, convolution and attention, and keeps layer
/// norms, residual sums and LayerScale in fp32, which is what torch.autocast(bfloat16) does for DINOv2.
/// </summary>
public enum Precision
{
    Fp32,
    Bf16,
}
