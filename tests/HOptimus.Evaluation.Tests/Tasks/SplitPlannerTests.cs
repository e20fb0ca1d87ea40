using HOptimus.Core;
using HOptimus.Evaluation.Tasks;

namespace HOptimus.Evaluation.Tests.Tasks;

public class SplitPlannerTests
{
    /// <summary>40 patients with 1..6 tiles each, 3 classes; each patient's tiles share a slide and a class.</summary>
    private static LabelledDataset Patients(int patients = 40, int seed = 0)
    {
        var random = new Random(seed);
        var samples = new List<LabelledSample>();
        for (var p = 0; p < patients; p++)
        {
            var tiles = 1 + random.Next(6);
            for (var t = 0; t < tiles; t++)
                samples.Add(new LabelledSample($"p{p}-t{t}", p % 3, $"patient-{p}", $"slide-{p}-{t % 2}"));
        }
        return Dataset(samples);
    }

    private static LabelledDataset Dataset(IReadOnlyList<LabelledSample> samples, int classes = 3) =>
        new("synthetic", Enumerable.Range(0, classes).Select(c => $"class{c}").ToArray(), samples, "fp",
            () => throw new InvalidOperationException("no pixels in split tests"));

    private static void AssertNoPatientOnTwoSides(LabelledDataset data, SplitAssignment split)
    {
        string Patient(int i) => data.Samples[i].Patient!;
        var train = split.Train.Select(Patient).ToHashSet();
        var validation = split.Validation.Select(Patient).ToHashSet();
        var test = split.Test.Select(Patient).ToHashSet();
        Assert.That(train.Overlaps(validation) || train.Overlaps(test) || validation.Overlaps(test), Is.False, $"{split.Name} leaks a patient");
    }

    [Test]
    public void Fractions_keep_patients_whole_and_come_close_to_the_targets()
    {
        var data = Patients();
        var split = SplitPlanner.Plan("t", data, new SplitOptions()).Single();
        AssertNoPatientOnTwoSides(data, split);
        var n = (double)data.Samples.Count;
        Assert.That(split.Train.Length + split.Validation.Length + split.Test.Length, Is.EqualTo(data.Samples.Count));
        Assert.That(split.Train.Length / n, Is.EqualTo(0.6).Within(0.08));
        Assert.That(split.Validation.Length / n, Is.EqualTo(0.2).Within(0.08));
        Assert.That(split.Test.Length / n, Is.EqualTo(0.2).Within(0.08));
    }

    [Test]
    public void Same_seed_same_split_other_seed_other_split()
    {
        var data = Patients();
        var a = SplitPlanner.Plan("t", data, new SplitOptions { Seed = 1 }).Single();
        var b = SplitPlanner.Plan("t", data, new SplitOptions { Seed = 1 }).Single();
        var c = SplitPlanner.Plan("t", data, new SplitOptions { Seed = 2 }).Single();
        Assert.That(b.Test, Is.EqualTo(a.Test));
        Assert.That(c.Test, Is.Not.EqualTo(a.Test));
    }

    [Test]
    public void Folds_test_every_sample_once_without_leaks()
    {
        var data = Patients();
        var folds = SplitPlanner.Plan("t", data, new SplitOptions { Kind = SplitKind.Folds, Folds = 5 });
        Assert.That(folds, Has.Count.EqualTo(5));
        Assert.That(folds.SelectMany(f => f.Test).Order(), Is.EqualTo(Enumerable.Range(0, data.Samples.Count)));
        foreach (var fold in folds)
        {
            AssertNoPatientOnTwoSides(data, fold);
            Assert.That(fold.Train.Length + fold.Validation.Length + fold.Test.Length, Is.EqualTo(data.Samples.Count));
            Assert.That(fold.Test.Length, Is.EqualTo(data.Samples.Count / 5.0).Within(3));
        }
    }

    [Test]
    public void Grouping_by_slide_keeps_slides_whole()
    {
        var data = Patients();
        var split = SplitPlanner.Plan("t", data, new SplitOptions { GroupBy = GroupBy.Slide, Seed = 3 }).Single();
        var trainSlides = split.Train.Select(i => data.Samples[i].Slide).ToHashSet();
        Assert.That(split.Test.Any(i => trainSlides.Contains(data.Samples[i].Slide)), Is.False);
    }

    [Test]
    public void Split_column_that_puts_a_patient_on_two_sides_is_refused_as_a_leak()
    {
        var samples = new List<LabelledSample>();
        for (var i = 0; i < 12; i++)
            samples.Add(new LabelledSample($"img{i}.png", i % 2, $"patient-{i / 2}", null, i < 6 ? "train" : i < 9 ? "val" : "test"));
        // Patient-4 has img8 (val) and img9 (test).
        var error = Assert.Throws<HoptException>(() => SplitPlanner.Plan("crc", Dataset(samples, 2), new SplitOptions { Kind = SplitKind.Column }))!;
        Assert.That(error.Message, Does.Contain("task crc").And.Contain("patient 'patient-4' is in both validation and test (leak)"));
        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }

    [Test]
    public void Split_column_with_an_unknown_value_names_the_sample()
    {
        var samples = Enumerable.Range(0, 6).Select(i => new LabelledSample($"img{i}.png", i % 2, null, null, i == 4 ? "holdout" : "train")).ToList();
        var error = Assert.Throws<HoptException>(() =>
            SplitPlanner.Plan("t", Dataset(samples, 2), new SplitOptions { Kind = SplitKind.Column, GroupBy = GroupBy.Sample }))!;
        Assert.That(error.Message, Does.Contain("img4.png has split 'holdout'"));
    }

    [Test]
    public void A_class_with_a_single_sample_is_named()
    {
        var samples = Patients().Samples.Append(new LabelledSample("lonely.png", 3, "patient-x", "slide-x")).ToList();
        var error = Assert.Throws<HoptException>(() => SplitPlanner.Plan("t", Dataset(samples, 4), new SplitOptions()))!;
        Assert.That(error.Message, Does.Contain("class 'class3' has a single sample (lonely.png)"));
    }

    [Test]
    public void An_empty_split_is_named()
    {
        // Three patients cannot fill five folds.
        var data = Patients(patients: 3);
        var error = Assert.Throws<HoptException>(() => SplitPlanner.Plan("t", data, new SplitOptions { Kind = SplitKind.Folds, Folds = 5 }))!;
        Assert.That(error.Message, Does.Match("fold [0-9]/5: the (train|validation|test) part is empty"));
    }

    [Test]
    public void A_class_absent_from_training_is_named()
    {
        // class1 lives in one patient only, so whichever side it lands on, training or testing lacks it.
        var samples = new List<LabelledSample>();
        for (var p = 0; p < 10; p++) samples.Add(new LabelledSample($"a{p}", 0, $"p{p}", null));
        samples.Add(new LabelledSample("b0", 1, "p0", null));
        samples.Add(new LabelledSample("b1", 1, "p0", null));
        var error = Assert.Throws<HoptException>(() =>
            SplitPlanner.Plan("t", Dataset(samples, 2), new SplitOptions { Kind = SplitKind.Folds, Folds = 3 }))!;
        Assert.That(error.Message, Does.Contain("class(es) 'class1' have no training sample"));
    }

    [Test]
    public void Grouping_by_patient_without_patient_ids_names_a_sample()
    {
        var samples = Enumerable.Range(0, 8).Select(i => new LabelledSample($"img{i}.tif", i % 2, null, null)).ToList();
        var error = Assert.Throws<HoptException>(() => SplitPlanner.Plan("t", Dataset(samples, 2), new SplitOptions()))!;
        Assert.That(error.Message, Does.Contain("groupBy is 'patient' but 8 sample(s) have no patient id (first: img0.tif)"));
    }
}
