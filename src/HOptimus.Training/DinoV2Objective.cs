// Shapes: B images of this rank, G = 2 global crops, L local crops, P patches of a global crop,
// M masked patches of the rank, D width, K prototypes, S/s global/local crop side.
using HOptimus.Model;
using HOptimus.Training.Options;
using static TorchSharp.torch;

namespace HOptimus.Training;

/// <summary>
/// DINOv2's SSLMetaArch.forward_backward loss: DINO on local and global CLS tokens against the teacher's
/// Sinkhorn-Knopp-centred assignments of the OTHER global view, iBOT on masked patches, KoLeo on the
/// student's global CLS features. Term weights and normalisers follow dinov2/train/ssl_meta_arch.py.
/// <paramref name="allReduce"/> sums over ranks for the centring; null for one process.
/// </summary>
public sealed class DinoV2Objective(LossOptions options, int worldSize, TensorAllReduce? allReduce)
{
    private readonly DinoLoss _dino = new(options.StudentTemperature);
    private readonly IbotPatchLoss _ibot = new(options.StudentTemperature);

    public StepLosses Compute(SslModel student, SslModel teacher, Tensor global_GBCSS, Tensor local_LBCss,
                              Tensor masks_GBP, int localCrops, double teacherTemperature)
    {
        long gb = global_GBCSS.shape[0];
        var maskedIndex_M = masks_GBP.flatten().nonzero().flatten();
        long masked = maskedIndex_M.shape[0];
        var useIbot = options.IbotWeight > 0;

        Tensor teacherDino_GBK, teacherIbot_MK, teacherEntropy;
        // The teacher's intermediates die with this inner scope; only its targets move out to the step's.
        using (var teacherScope = NewDisposeScope())
        using (no_grad())
        {
            var (tCls_GBD, tPatches_GBPD) = teacher.Backbone.ForwardFeatures(global_GBCSS);
            // Each student global view is matched with the teacher's other view.
            var views = tCls_GBD.chunk(2);
            var swapped_GBD = cat([views[1], views[0]], 0);
            var tLogits_GBK = teacher.DinoHead.forward(swapped_GBD);
            teacherEntropy = Entropy(tLogits_GBK, teacherTemperature);
            teacherDino_GBK = SinkhornKnopp.Teacher(tLogits_GBK, teacherTemperature, gb * worldSize,
                                                    options.SinkhornIterations, allReduce);
            teacherIbot_MK = empty(0);
            if (useIbot && masked > 0)
            {
                var tMasked_MD = tPatches_GBPD.flatten(0, 1).index_select(0, maskedIndex_M);
                var tIbot_MK = teacher.IbotHead.forward(tMasked_MD);
                using var maskedHere = HeldScalar.Of(masked);
                var globalMasked = full(1, maskedHere, dtype: ScalarType.Float32, device: tIbot_MK.device);
                allReduce?.Invoke(globalMasked);
                teacherIbot_MK = SinkhornKnopp.Teacher(tIbot_MK, teacherTemperature, (long)globalMasked.item<float>(),
                                                       options.SinkhornIterations, allReduce);
            }
            teacherScope.MoveToOuter(teacherDino_GBK, teacherIbot_MK, teacherEntropy);
        }

        var (sCls_GBD, sPatches_GBPD) = student.Backbone.ForwardFeatures(global_GBCSS, useIbot ? masks_GBP : null);
        var sGlobal_GBK = student.DinoHead.forward(sCls_GBD);
        var localTerms = localCrops * 2;
        const int globalTerms = 2; // (G - 1) x G pairs
        var zero = zeros(1, dtype: ScalarType.Float32, device: global_GBCSS.device).squeeze();

        using var terms = HeldScalar.Of(globalTerms + localTerms);
        using var dinoWeight = HeldScalar.Of(options.DinoWeight);
        using var two = HeldScalar.Of(2);
        var dinoLocal = zero;
        if (localCrops > 0)
        {
            var (sLocalCls_LBD, _) = student.Backbone.ForwardFeatures(local_LBCss);
            var sLocal_LBK = student.DinoHead.forward(sLocalCls_LBD);
            dinoLocal = _dino.Forward(sLocal_LBK.chunk(localCrops), teacherDino_GBK.chunk(2)) / terms * dinoWeight;
        }
        var dinoGlobal = _dino.Forward([sGlobal_GBK], [teacherDino_GBK]) * two / terms * dinoWeight;

        var ibot = zero;
        if (useIbot && masked > 0)
        {
            var sMasked_MD = sPatches_GBPD.flatten(0, 1).index_select(0, maskedIndex_M);
            using var ibotWeight = HeldScalar.Of(options.IbotWeight);
            ibot = _ibot.ForwardMasked(student.IbotHead.forward(sMasked_MD), teacherIbot_MK, masks_GBP) * ibotWeight;
        }

        var koleo = zero;
        using var koleoWeight = HeldScalar.Of(options.KoLeoWeight);
        if (options.KoLeoWeight > 0)
            foreach (var view_BD in sCls_GBD.chunk(2)) koleo = koleo + KoLeoLoss.Forward(view_BD) * koleoWeight;

        Tensor featureStd;
        using (no_grad())
            featureStd = nn.functional.normalize(sCls_GBD.detach().to(ScalarType.Float32), p: 2, dim: -1).std(0).mean();

        var total = dinoLocal + dinoGlobal + ibot + koleo;
        return new StepLosses(total, dinoLocal, dinoGlobal, ibot, koleo, teacherEntropy, featureStd);
    }

    /// <summary>Mean entropy (nats) of the teacher's softmax per image: ln K when uniform, 0 when one-hot.</summary>
    private static Tensor Entropy(Tensor logits_NK, double temperature)
    {
        using var t = HeldScalar.Of(temperature);
        var logp_NK = nn.functional.log_softmax(logits_NK.to(ScalarType.Float32) / t, -1);
        return -(logp_NK.exp() * logp_NK).sum(-1).mean();
    }
}
