// Shapes: N rows (samples or masked patches) on this rank, K prototypes.
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// DINOv2's sinkhorn_knopp_teacher: turns teacher logits into soft assignments whose prototypes are used
/// equally often across the global batch (rows sum to 1, each prototype gets N_total/K of the mass).
/// fp32 throughout.
/// </summary>
public static class SinkhornKnopp
{
    /// <param name="teacherLogits_NK">teacher head output for this rank's rows.</param>
    /// <param name="teacherTemp">teacher temperature (DINOv2 warms it from 0.04 to 0.07).</param>
    /// <param name="globalRows">rows over all ranks (for iBOT: the masked patches of the global batch).</param>
    /// <param name="iterations">normalisation rounds (default 3, DINOv2's).</param>
    /// <param name="allReduce">sum over ranks; null for one process.</param>
    public static Tensor Teacher(Tensor teacherLogits_NK, double teacherTemp, long globalRows, int iterations = 3,
        TensorAllReduce? allReduce = null)
    {
        using var _ = no_grad();
        using var temperature = HeldScalar.Of(teacherTemp);
        using var rows = HeldScalar.Of(globalRows);
        var q_KN = exp(teacherLogits_NK.to(ScalarType.Float32) / temperature).t();
        using var k = HeldScalar.Of(q_KN.shape[0]);
        var sum = q_KN.sum();
        allReduce?.Invoke(sum);
        q_KN = q_KN / sum;
        for (int it = 0; it < iterations; it++)
        {
            // Each prototype's total weight becomes 1/K ...
            var rows_K1 = q_KN.sum(1, keepdim: true);
            allReduce?.Invoke(rows_K1);
            q_KN = q_KN / rows_K1 / k;
            // ... then each sample's total weight becomes 1/N_total.
            q_KN = q_KN / q_KN.sum(0, keepdim: true) / rows;
        }
        // Columns sum to 1: each sample's row is an assignment over prototypes.
        return (q_KN * rows).t();
    }
}
