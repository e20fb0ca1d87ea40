using HOptimus.Core;
using HOptimus.Distributed.InProcess;
using HOptimus.Training.Parallel;

namespace HOptimus.Integration.Tests.Distributed;

/// <summary>Metric means, stop agreement and batch shares over in-process ranks.</summary>
[TestFixture]
public class CollectiveHelpersTests
{
    [Test]
    public void Metrics_are_averaged_over_ranks_whatever_the_key_order()
    {
        using var group = new InProcessGroup(2, TimeSpan.FromSeconds(30));
        var results = new IReadOnlyDictionary<string, double>[2];
        group.Run(c => results[c.Rank] = MetricReduction.Mean(c, c.Rank == 0
            ? new Dictionary<string, double> { ["loss"] = 1.0, ["lr"] = 0.5 }
            : new Dictionary<string, double> { ["lr"] = 0.5, ["loss"] = 3.0 }));
        Assert.That(results[0]["loss"], Is.EqualTo(2.0));
        Assert.That(results[1]["lr"], Is.EqualTo(0.5));
    }

    [Test]
    public void Different_metric_names_on_different_ranks_are_an_error()
    {
        using var group = new InProcessGroup(2, TimeSpan.FromSeconds(30));
        var e = Assert.Throws<InvalidOperationException>(() => group.Run(c =>
            MetricReduction.Mean(c, new Dictionary<string, double> { [c.Rank == 0 ? "loss" : "los"] = 1 })));
        Assert.That(e!.Message, Does.Contain("different metric sets"));
    }

    [TestCase(StopReason.None, StopReason.None, StopReason.None)]
    [TestCase(StopReason.None, StopReason.WallClock, StopReason.WallClock)]
    [TestCase(StopReason.WallClock, StopReason.Terminate, StopReason.Terminate)]
    [TestCase(StopReason.Interrupt, StopReason.WallClock, StopReason.Interrupt)]
    public void All_ranks_agree_on_the_most_urgent_stop_reason(StopReason rank0, StopReason rank1, StopReason expected)
    {
        using var group = new InProcessGroup(2, TimeSpan.FromSeconds(30));
        var agreed = new StopReason[2];
        group.Run(c => agreed[c.Rank] = StopAgreement.Agree(c, c.Rank == 0 ? rank0 : rank1));
        Assert.That(agreed, Is.All.EqualTo(expected));
    }

    [Test]
    public void Batch_shares_are_disjoint_and_cover_the_global_batch()
    {
        var shares = Enumerable.Range(0, 4).Select(r => BatchShard.Of(32, r, 4)).ToArray();
        Assert.That(shares, Is.EqualTo(new[] { (0, 8), (8, 8), (16, 8), (24, 8) }));
        var e = Assert.Throws<HoptException>(() => BatchShard.Of(30, 0, 4));
        Assert.That(e!.Message, Does.Contain("global batch 30 is not divisible by the world size 4"));
    }
}
