// Shapes: B batch.
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// Stochastic depth as timm's drop_path: a whole residual branch is dropped per sample, survivors scaled by
/// 1/keep. The scales are drawn before the block runs so a recomputed block (activation checkpointing)
/// sees the very same ones.
/// </summary>
public static class DropPath
{
    /// <summary>Per-sample scales [B, 1, 1]: 0 or 1/(1 − rate); null when nothing is dropped.</summary>
    public static Tensor? SampleScales(long batch, double rate, Device device)
    {
        if (rate <= 0) return null;
        using var keep = HeldScalar.Of(1 - rate);
        return bernoulli(full(new long[] { batch, 1, 1 }, keep, dtype: ScalarType.Float32, device: device)).div_(keep);
    }

    /// <summary>Drop rate of each block: uniform, or timm's linspace(0, rate, depth).</summary>
    public static double[] Rates(int depth, double rate, bool uniform) =>
        Enumerable.Range(0, depth)
            .Select(i => uniform || depth == 1 ? rate : rate * i / (depth - 1))
            .ToArray();
}
