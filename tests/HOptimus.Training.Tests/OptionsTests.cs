using HOptimus.Core;

namespace HOptimus.Training.Tests;

public class OptionsTests
{
    [TestCase("vit-tiny-cpu-ci")]
    [TestCase("vit-small-cpu")]
    [TestCase("vitg14-reg4-h100x96")]
    public void EveryRecipeLoadsAndValidates(string recipe)
    {
        var config = TrainConfig.Load(null, [TinyRun.RecipePath(recipe)], [], null);
        var model = TrainingSetup.ModelConfig(config.Train);
        Assert.That(config.Train.Model.Preset, Is.EqualTo(model.Name));
    }

    [Test]
    public void GiantRecipeHasTheBatchArithmeticOfItsComments()
    {
        var o = TrainConfig.Load(null, [TinyRun.RecipePath("vitg14-reg4-h100x96")], [], null).Train;
        Assert.That(o.Data.GlobalBatchSize, Is.EqualTo(96 * 32));
        Assert.That(new Schedules.TrainingSchedules(o).PeakLr, Is.EqualTo(2e-4 * Math.Sqrt(3)).Within(1e-12));
    }

    [Test]
    public void UnqualifiedSetMeansTrainAndDeviceFlagWins()
    {
        var o = TrainConfig.Load(null, [TinyRun.RecipePath("vit-tiny-cpu-ci")],
            ["Optim:BaseLr=0.02", "TotalSteps=3", "Train:TotalSteps=7", "Device=cpu"], "cuda:1").Train;
        Assert.Multiple(() =>
        {
            Assert.That(o.Optim.BaseLr, Is.EqualTo(0.02));
            Assert.That(o.TotalSteps, Is.EqualTo(7));
            Assert.That(o.Device, Is.EqualTo("cuda:1"));
        });
    }

    [Test]
    public void EveryBadValueIsReportedAtOnceNamingItsKey()
    {
        var e = Assert.Throws<HoptException>(() => TrainConfig.Load(null, [TinyRun.RecipePath("vit-tiny-cpu-ci")],
            ["TotalSteps=0", "Optim:Beta1=2", "Crops:LocalScaleMin=0.5", "Device=tpu"], null))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(e.Message, Does.Contain("Train:TotalSteps"));
            Assert.That(e.Message, Does.Contain("Train:Optim:Beta1"));
            Assert.That(e.Message, Does.Contain("Train:Crops:LocalScaleMin"));
            Assert.That(e.Message, Does.Contain("Train:Device"));
        });
    }

    [Test]
    public void AMisspelledKeyIsAnErrorNotADefault()
    {
        var e = Assert.Throws<HoptException>(() => TrainConfig.Load(null, [], ["Optim:BaseLR2=1"], null))!;
        Assert.That(e.Message, Does.Contain("BaseLR2"));
    }

    [Test]
    public void CropsMustBeMultiplesOfThePatch()
    {
        var o = TrainConfig.Load(null, [TinyRun.RecipePath("vit-tiny-cpu-ci")], ["Crops:LocalSize=30"], null).Train;
        var e = Assert.Throws<HoptException>(() => TrainingSetup.ModelConfig(o))!;
        Assert.That(e.Message, Does.Contain("Train:Crops:LocalSize").And.Contain("14 px"));
    }

    [Test]
    public void UnknownRecipeListsTheKnownOnes()
    {
        var e = Assert.Throws<HoptException>(() => TrainConfig.Load("vit-huge-moon", [], [], null))!;
        Assert.That(e.Message, Does.Contain("vit-tiny-cpu-ci"));
    }
}
