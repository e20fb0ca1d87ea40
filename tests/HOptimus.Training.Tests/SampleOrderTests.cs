using HOptimus.Training.Data;

namespace HOptimus.Training.Tests;

public class SampleOrderTests
{
    [TestCase(1)]
    [TestCase(49)]
    [TestCase(1000)]
    [TestCase(4097)]
    public void EachEpochIsAPermutation(long n)
    {
        var p = new EpochPermutation(n, seed: 5, epoch: 2);
        var seen = new bool[n];
        for (long i = 0; i < n; i++) seen[p[i]] = true;
        Assert.That(seen.All(s => s), Is.True);
    }

    [Test]
    public void EpochsAndSeedsGiveDifferentOrders()
    {
        long[] Order(long seed, long epoch) { var p = new EpochPermutation(500, seed, epoch); return Enumerable.Range(0, 500).Select(i => p[i]).ToArray(); }
        Assert.That(Order(1, 0), Is.Not.EqualTo(Order(1, 1)));
        Assert.That(Order(1, 0), Is.Not.EqualTo(Order(2, 0)));
        var again = Order(1, 0);
        Assert.That(Order(1, 0), Is.EqualTo(again));
        Assert.That(Order(1, 0), Is.Not.EqualTo(Enumerable.Range(0, 500).Select(i => (long)i).ToArray()));
    }

    [Test]
    public void RanksTakeDisjointSharesThatTogetherAreTheSingleRankBatch()
    {
        var single = new SampleOrder(37, seed: 9, globalBatch: 8, rank: 0, worldSize: 1);
        var ranks = Enumerable.Range(0, 4).Select(r => new SampleOrder(37, 9, 8, r, 4)).ToList();
        for (long step = 0; step < 12; step++) // 12 x 8 = 96 samples: crosses two epoch boundaries
        {
            var whole = Enumerable.Range(0, 8).Select(i => single.TileAt(single.FirstPosition(step) + i)).ToList();
            var shares = ranks.SelectMany(o => Enumerable.Range(0, o.PerRankBatch).Select(i => o.TileAt(o.FirstPosition(step) + i))).ToList();
            Assert.That(shares, Is.EqualTo(whole), $"step {step}");
        }
    }

    [Test]
    public void ABatchThatDoesNotSplitEvenlyIsAConfigError()
    {
        var e = Assert.Throws<Core.HoptException>(() => new SampleOrder(10, 0, 10, 0, 3))!;
        Assert.That(e.Message, Does.Contain("GlobalBatchSize"));
    }
}
