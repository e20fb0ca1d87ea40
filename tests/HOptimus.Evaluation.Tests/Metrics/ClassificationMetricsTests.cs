using HOptimus.Evaluation.Metrics;

namespace HOptimus.Evaluation.Tests.Metrics;

public class ClassificationMetricsTests
{
    [Test]
    public void Auroc_of_the_sklearn_docs_example_is_0_75()
    {
        Assert.That(BinaryAuroc.Compute([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), Is.EqualTo(0.75).Within(1e-12));
    }

    [Test]
    public void Auroc_counts_a_positive_negative_tie_as_one_half()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BinaryAuroc.Compute([0.5, 0.5], [false, true]), Is.EqualTo(0.5));
            Assert.That(BinaryAuroc.Compute([0.2, 0.5, 0.5], [false, false, true]), Is.EqualTo(0.75));
            Assert.That(BinaryAuroc.Compute([0.9, 0.1], [false, true]), Is.EqualTo(0));
        });
    }

    [Test]
    public void Auroc_is_undefined_without_both_sides()
    {
        Assert.That(BinaryAuroc.Compute([0.1, 0.2], [true, true]), Is.NaN);
    }

    [Test]
    public void Balanced_accuracy_averages_recall_of_classes_present_in_the_truth()
    {
        // Class 0 recall 1/2, class 1 recall 1/1; class 2 is only predicted, so it does not count.
        Assert.That(ClassificationMetrics.BalancedAccuracy([0, 0, 1], [0, 2, 1]), Is.EqualTo(0.75).Within(1e-12));
    }

    [Test]
    public void Macro_f1_counts_a_predicted_only_class_as_zero()
    {
        // F1: class 0 = 2*1/(2+1) = 2/3, class 1 = 1, class 2 = 0.
        Assert.That(ClassificationMetrics.MacroF1([0, 0, 1], [0, 2, 1]), Is.EqualTo((2.0 / 3 + 1 + 0) / 3).Within(1e-12));
    }
}
