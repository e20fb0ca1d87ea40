// Shapes: M masked patches (all images of the batch), K prototypes, B images, P patches per image.
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// DINOv2's iBOTPatchLoss.forward_masked: cross-entropy between the teacher's assignment and the student's
/// temperature softmax on masked patches only, each image weighted by 1/(its masked patches), averaged over
/// images. fp32 throughout.
/// </summary>
public sealed class IbotPatchLoss(double studentTemp = 0.1)
{
    /// <summary>Student temperature (default 0.1).</summary>
    public double StudentTemp { get; } = studentTemp;

    /// <param name="studentLogits_MK">student iBOT head on the masked patches, in masks_BP's row-major order.</param>
    /// <param name="teacherProbs_MK">teacher assignments of the same patches (e.g. <see cref="SinkhornKnopp"/>).</param>
    /// <param name="masks_BP">bool, true where the student saw the mask token.</param>
    public Tensor ForwardMasked(Tensor studentLogits_MK, Tensor teacherProbs_MK, Tensor masks_BP)
    {
        using var temperature = HeldScalar.Of(StudentTemp);
        using var images = HeldScalar.Of(masks_BP.shape[0]);
        var logp_MK = nn.functional.log_softmax(studentLogits_MK.to(ScalarType.Float32) / temperature, -1);
        var ce_M = (teacherProbs_MK.to(ScalarType.Float32) * logp_MK).sum(-1);
        var weights_M = Weights(masks_BP);
        return -(ce_M * weights_M).sum() / images;
    }

    /// <summary>1 / (masked patches of its image) for every masked patch, row-major (DINOv2's masks_weight).</summary>
    public static Tensor Weights(Tensor masks_BP)
    {
        using var one = HeldScalar.Of(1);
        var perImage_B1 = masks_BP.sum(-1, keepdim: true, type: ScalarType.Float32).clamp_min(one).reciprocal();
        return perImage_B1.expand_as(masks_BP).masked_select(masks_BP);
    }
}
