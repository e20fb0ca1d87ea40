using HOptimus.Training.Options;
using HOptimus.Training.Schedules;

namespace HOptimus.Training.Tests;

public class ScheduleTests
{
    [Test]
    public void WarmupRisesLinearlyThenCosineFallsToFinal()
    {
        var s = new CosineSchedule(0, 1, 0.1, WarmupSteps: 10, TotalSteps: 110);
        Assert.Multiple(() =>
        {
            Assert.That(s.At(0), Is.EqualTo(0));
            Assert.That(s.At(5), Is.EqualTo(0.5).Within(1e-12));
            Assert.That(s.At(10), Is.EqualTo(1).Within(1e-12));
            Assert.That(s.At(60), Is.EqualTo(0.1 + 0.45).Within(1e-12)); // half way: cos(pi/2) = 0
            Assert.That(s.At(110), Is.EqualTo(0.1));
            Assert.That(s.At(500), Is.EqualTo(0.1));
        });
        for (var step = 10; step < 110; step++) Assert.That(s.At(step + 1), Is.LessThanOrEqualTo(s.At(step)), $"step {step}");
    }

    [Test]
    public void MomentumRisesOnACosineFrom0994To1()
    {
        var schedules = new TrainingSchedules(new TrainerOptions { TotalSteps = 1000 });
        Assert.Multiple(() =>
        {
            Assert.That(schedules.At(0).Momentum, Is.EqualTo(0.994));
            Assert.That(schedules.At(500).Momentum, Is.EqualTo(0.997).Within(1e-12));
            Assert.That(schedules.At(1000).Momentum, Is.EqualTo(1.0));
        });
        for (var step = 0; step < 1000; step++)
            Assert.That(schedules.At(step + 1).Momentum, Is.GreaterThanOrEqualTo(schedules.At(step).Momentum));
    }

    [Test]
    public void TeacherTemperatureWarmsUpThenStays()
    {
        var o = new TrainerOptions { TotalSteps = 1000, Teacher = new TeacherOptions { TemperatureWarmupSteps = 300 } };
        var s = new TrainingSchedules(o);
        Assert.Multiple(() =>
        {
            Assert.That(s.At(0).TeacherTemperature, Is.EqualTo(0.04));
            Assert.That(s.At(150).TeacherTemperature, Is.EqualTo(0.055).Within(1e-12));
            Assert.That(s.At(300).TeacherTemperature, Is.EqualTo(0.07).Within(1e-12));
            Assert.That(s.At(999).TeacherTemperature, Is.EqualTo(0.07).Within(1e-12));
        });
    }

    [Test]
    public void LrFollowsTheSqrtBatchRuleAndWeightDecayRises()
    {
        var o = new TrainerOptions
        {
            TotalSteps = 100, Data = new DataOptions { GlobalBatchSize = 256 },
            Optim = new OptimOptions { BaseLr = 0.004, WarmupSteps = 10, MinLr = 1e-6, FreezeLastLayerSteps = 3 },
        };
        var s = new TrainingSchedules(o);
        Assert.Multiple(() =>
        {
            Assert.That(s.PeakLr, Is.EqualTo(0.002).Within(1e-15)); // 0.004 x sqrt(256 / 1024)
            Assert.That(s.At(10).Lr, Is.EqualTo(0.002).Within(1e-15));
            Assert.That(s.At(100).Lr, Is.EqualTo(1e-6));
            Assert.That(s.At(0).WeightDecay, Is.EqualTo(0.04).Within(1e-12));
            Assert.That(s.At(100).WeightDecay, Is.EqualTo(0.4).Within(1e-12));
            Assert.That(s.At(2).FreezeLastLayer, Is.True);
            Assert.That(s.At(3).FreezeLastLayer, Is.False);
        });
    }
}
