// Shapes: B rows (one crop of every image), K prototypes.
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// DINOv2's DINOLoss.forward: for every (student crop, teacher crop) pair, the cross-entropy between the
/// teacher's assignment and the student's temperature softmax, averaged over the batch and summed over
/// pairs. Divide by the number of pairs in the trainer, as DINOv2 does. fp32 throughout.
/// </summary>
public sealed class DinoLoss(double studentTemp = 0.1)
{
    /// <summary>Student temperature (default 0.1).</summary>
    public double StudentTemp { get; } = studentTemp;

    public Tensor Forward(IReadOnlyList<Tensor> studentLogits_BK, IReadOnlyList<Tensor> teacherProbs_BK)
    {
        Tensor total = zeros(1, dtype: ScalarType.Float32, device: studentLogits_BK[0].device).squeeze();
        using var temperature = HeldScalar.Of(StudentTemp);
        foreach (var s_BK in studentLogits_BK)
        {
            var logp_BK = nn.functional.log_softmax(s_BK.to(ScalarType.Float32) / temperature, -1);
            foreach (var t_BK in teacherProbs_BK)
                total = total - (t_BK.to(ScalarType.Float32) * logp_BK).sum(-1).mean();
        }
        return total;
    }
}
