using HOptimus.Model;
using static TorchSharp.torch;

namespace HOptimus.Model.Tests;

public class LossTests
{
    [SetUp]
    public void Seed() => manual_seed(42);

    [Test]
    public void Sinkhorn_RowsAreAssignments_AndPrototypesAreUsedEqually()
    {
        using var scope = NewDisposeScope();
        var logits = randn(12, 4);
        var q = SinkhornKnopp.Teacher(logits, 0.5, globalRows: 12, iterations: 200);
        Assert.That(q.shape, Is.EqualTo(new long[] { 12, 4 }));
        Assert.That(q.sum(1).sub(1).abs().max().item<float>(), Is.LessThan(1e-5), "each sample's row sums to 1");
        Assert.That(q.sum(0, keepdim: false).sub(12 / 4.0).abs().max().item<float>(), Is.LessThan(1e-3), "each prototype gets N/K");
        // Three rounds (DINOv2's default) keep rows exact and bring prototypes closer to balance than softmax.
        var q3 = SinkhornKnopp.Teacher(logits, 0.5, globalRows: 12);
        var softmax = nn.functional.softmax(logits / 0.5, 1);
        Assert.That(q3.sum(1).sub(1).abs().max().item<float>(), Is.LessThan(1e-5));
        Assert.That(q3.sum(0, keepdim: false).sub(3).abs().max().item<float>(), Is.LessThan(softmax.sum(0, keepdim: false).sub(3).abs().max().item<float>()));
    }

    [Test]
    public void Sinkhorn_OfEqualLogits_IsUniform()
    {
        using var scope = NewDisposeScope();
        var q = SinkhornKnopp.Teacher(full(5, 8, 2.0f), 0.04, globalRows: 5);
        Assert.That(q.sub(1 / 8.0).abs().max().item<float>(), Is.LessThan(1e-6));
    }

    [Test]
    public void Sinkhorn_OverTwoRanks_EqualsOneRankOnTheWholeBatch()
    {
        using var scope = NewDisposeScope();
        var logits = randn(8, 5);
        var whole = SinkhornKnopp.Teacher(logits, 0.3, globalRows: 8);
        // Two in-process "ranks" holding rows 0-3 and 4-7, summing through a barrier.
        var halves = logits.chunk(2);
        var results = new Tensor[2];
        var reducer = new TwoRankSum();
        Parallel.For(0, 2, r => results[r] = SinkhornKnopp.Teacher(halves[r], 0.3, globalRows: 8, allReduce: t => reducer.Sum(r, t)));
        Assert.That(cat(results, 0).allclose(whole, rtol: 1e-5, atol: 1e-7), Is.True);
    }

    [Test]
    public void DinoLoss_EqualsHandComputedCrossEntropy()
    {
        float[][] s = [[1f, 2f, 0.5f], [0f, -1f, 3f]];
        float[][] t1 = [[0.2f, 0.5f, 0.3f], [0.6f, 0.1f, 0.3f]];
        float[][] t2 = [[1f, 0f, 0f], [0.3f, 0.3f, 0.4f]];
        const double temp = 0.1;
        double expected = 0;
        foreach (var t in new[] { t1, t2 })
        {
            double pairMean = 0;
            for (int b = 0; b < 2; b++)
            {
                var scaled = s[b].Select(v => v / temp).ToArray();
                var logZ = Math.Log(scaled.Sum(v => Math.Exp(v)));
                pairMean += -Enumerable.Range(0, 3).Sum(k => t[b][k] * (scaled[k] - logZ)) / 2;
            }
            expected += pairMean;
        }
        using var scope = NewDisposeScope();
        var loss = new DinoLoss(temp).Forward([T(s)], [T(t1), T(t2)]);
        Assert.That(loss.item<float>(), Is.EqualTo(expected).Within(1e-4 * Math.Abs(expected)));
    }

    [Test]
    public void IbotLoss_WeighsEachImageByItsMaskedPatches()
    {
        using var scope = NewDisposeScope();
        // Image 0 has two masked patches, image 1 one, image 2 none.
        var masks = tensor(new[] { true, true, false, false, false, true, false, false, false }, [3, 3]);
        var student = randn(3, 4);
        var teacher = nn.functional.softmax(randn(3, 4), 1);
        var ce = -(teacher * nn.functional.log_softmax(student / 0.1, 1)).sum(1);
        var expected = (ce[0].item<float>() / 2 + ce[1].item<float>() / 2 + ce[2].item<float>()) / 3;
        var loss = new IbotPatchLoss(0.1).ForwardMasked(student, teacher, masks).item<float>();
        Assert.That(loss, Is.EqualTo(expected).Within(1e-5 * Math.Abs(expected)));
        Assert.That(IbotPatchLoss.Weights(masks).data<float>().ToArray(), Is.EqualTo(new[] { 0.5f, 0.5f, 1f }));
    }

    [Test]
    public void KoLeo_OnKnownPoints_IsMinusMeanLogNearestDistance()
    {
        using var scope = NewDisposeScope();
        // Scaled copies of unit vectors: normalisation must make the scale irrelevant.
        var points = T([[2f, 0f], [0.8f, 0.6f], [0f, 5f], [-1f, 0f]]);
        double d01 = Math.Sqrt(0.04 + 0.36), d12 = Math.Sqrt(0.64 + 0.16), d23 = Math.Sqrt(2);
        var expected = -(Math.Log(d01) * 2 + Math.Log(d12) + Math.Log(d23)) / 4;
        Assert.That(KoLeoLoss.Forward(points).item<float>(), Is.EqualTo(expected).Within(1e-5));
    }

    [Test]
    public void Ema_MovesTheTeacherTowardsTheStudent_AndSkipsStudentOnlyParameters()
    {
        using var scope = NewDisposeScope();
        var config = ViTConfig.Preset("vit-tiny") with { Depth = 1 };
        using var student = new VisionTransformer(config, new BackboneOptions { MaskToken = true });
        using var teacher = new VisionTransformer(config);
        var s = student.TimmStateDict()["pos_embed"].clone();
        var t = teacher.TimmStateDict()["pos_embed"].clone();
        EmaUpdate.Apply(teacher, student, 0.9);
        Assert.That(teacher.TimmStateDict()["pos_embed"].allclose(t * 0.9 + s * 0.1, rtol: 1e-5, atol: 1e-7), Is.True);
        EmaUpdate.Apply(teacher, student, 0.0);
        Assert.That(teacher.TimmStateDict()["pos_embed"].allclose(s, rtol: 0, atol: 0), Is.True);
        Assert.Throws<InvalidOperationException>(() => EmaUpdate.Apply(student, teacher, 0.5), "the student's mask token has no teacher source");
    }

    private static Tensor T(float[][] rows) =>
        tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    /// <summary>An all-reduce of two threads: each adds its tensor, waits for the other, reads the sum.</summary>
    private sealed class TwoRankSum
    {
        private readonly Barrier barrier = new(2);
        private readonly Tensor?[] slots = new Tensor?[2];

        public void Sum(int rank, Tensor t)
        {
            slots[rank] = t.clone();
            barrier.SignalAndWait();
            var total = slots[0]! + slots[1]!;
            barrier.SignalAndWait();
            t.copy_(total);
        }
    }
}
