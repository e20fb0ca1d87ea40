using HOptimus.Slurm.Planning;

namespace HOptimus.Slurm.Tests;

public class CapacityPlanTests
{
    [Test]
    public void Seed_scale_arithmetic()
    {
        var plan = new CapacityPlan(new PlanInputs());
        Assert.That(plan.RawTerabytes, Is.EqualTo(2e9 * 224 * 224 * 3 / 1e12).Within(1e-6)); // 301 TB, the seed says 240
        Assert.That(plan.JpegTerabytes, Is.EqualTo(30.8).Within(1e-9)); // 2e9 x 15.4 kB
        Assert.That(plan.PackCpuHours, Is.EqualTo(2e9 / 250 / 3600).Within(1e-6));
        Assert.That(plan.TrainGpuHours, Is.EqualTo(2e9 / 45 / 3600).Within(1e-6));
        Assert.That(plan.TrainDays, Is.EqualTo(2e9 / 45 / 3600 / 96 / 24).Within(1e-9));
        Assert.That(plan.CheckpointGB, Is.EqualTo(1.13e9 * 16 / 1e9).Within(1e-9));
        Assert.That(plan.Usr2MarginSeconds, Is.EqualTo(Math.Ceiling(2 * (3072 / (96 * 45.0) + 18.08 / 2) + 60)));
        Assert.That(plan.Markdown(), Does.Contain("| storage, raw uint8 (TB) | 301.1 | 240.0 |"));
    }

    [Test]
    public void Twice_the_GPUs_halves_the_days() =>
        Assert.That(new CapacityPlan(new PlanInputs { Gpus = 192 }).TrainDays * 2,
            Is.EqualTo(new CapacityPlan(new PlanInputs()).TrainDays).Within(1e-9));
}
