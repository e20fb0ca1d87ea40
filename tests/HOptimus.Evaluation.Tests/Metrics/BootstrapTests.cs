using HOptimus.Evaluation.Metrics;

namespace HOptimus.Evaluation.Tests.Metrics;

public class BootstrapTests
{
    private static (int[] Truth, int[] Predicted, double[][] Probabilities) Noisy(int n, int seed)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        var predicted = truth.Select(t => random.NextDouble() < 0.7 ? t : random.Next(3)).ToArray();
        var probabilities = predicted.Select(p => Enumerable.Range(0, 3).Select(c => c == p ? 0.6 + 0.1 * random.NextDouble() : 0.15).ToArray()).ToArray();
        return (truth, predicted, probabilities);
    }

    [Test]
    public void Same_seed_gives_the_same_interval_and_another_seed_another()
    {
        var (t, p, q) = Noisy(120, 1);
        var a = new Bootstrap(200, Seed: 7).Estimate([Metric.Accuracy], t, p, q)[Metric.Accuracy];
        var b = new Bootstrap(200, Seed: 7).Estimate([Metric.Accuracy], t, p, q)[Metric.Accuracy];
        var c = new Bootstrap(200, Seed: 8).Estimate([Metric.Accuracy], t, p, q)[Metric.Accuracy];
        Assert.That(b, Is.EqualTo(a));
        Assert.That((c.Lower, c.Upper), Is.Not.EqualTo((a.Lower, a.Upper)));
    }

    [Test]
    public void Interval_brackets_the_estimate_and_narrows_with_more_samples()
    {
        var metrics = new[] { Metric.Accuracy, Metric.BalancedAccuracy, Metric.MacroF1, Metric.Auroc };
        var (t1, p1, q1) = Noisy(90, 2);
        var (t2, p2, q2) = Noisy(1800, 2);
        var small = new Bootstrap().Estimate(metrics, t1, p1, q1);
        var large = new Bootstrap().Estimate(metrics, t2, p2, q2);
        foreach (var m in metrics)
        {
            Assert.That(small[m].Lower, Is.LessThanOrEqualTo(small[m].Value).And.GreaterThan(0), m.ToString());
            Assert.That(small[m].Upper, Is.GreaterThanOrEqualTo(small[m].Value).And.LessThanOrEqualTo(1), m.ToString());
            Assert.That(large[m].Upper - large[m].Lower, Is.LessThan((small[m].Upper - small[m].Lower) / 2), m.ToString());
            Assert.That(small[m].Resamples, Is.EqualTo(1000));
        }
        // A 95% interval of an accuracy near 0.8 on 90 samples is about +-0.08 wide (binomial arithmetic).
        var accuracy = small[Metric.Accuracy];
        var halfWidth = 1.96 * Math.Sqrt(accuracy.Value * (1 - accuracy.Value) / 90);
        Assert.That(accuracy.Upper - accuracy.Lower, Is.EqualTo(2 * halfWidth).Within(0.3 * 2 * halfWidth));
    }

    [Test]
    public void Resamples_that_lose_a_class_are_skipped_and_counted()
    {
        // One sample of class 2 in 40: about (39/40)^40 = 36% of resamples lose it.
        var truth = Enumerable.Range(0, 40).Select(i => i == 0 ? 2 : i % 2).ToArray();
        var probabilities = truth.Select(t => new[] { t == 0 ? 0.8 : 0.1, t == 1 ? 0.8 : 0.1, t == 2 ? 0.8 : 0.1 }).ToArray();
        var estimate = new Bootstrap(500).Estimate([Metric.BalancedAccuracy], truth, truth, probabilities)[Metric.BalancedAccuracy];
        Assert.That(estimate.Resamples, Is.InRange(250, 370));
    }
}
