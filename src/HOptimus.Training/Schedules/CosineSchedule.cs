namespace HOptimus.Training.Schedules;

/// <summary>
/// Linear warm-up from <see cref="Start"/> to <see cref="Peak"/> over <see cref="WarmupSteps"/>, then a
/// half cosine from <see cref="Peak"/> down (or up) to <see cref="Final"/> at <see cref="TotalSteps"/>;
/// constant after. DINOv2's CosineScheduler, counted in optimizer steps. A pure function of the step,
/// so a resumed run only needs the step to be back on schedule.
/// </summary>
public sealed record CosineSchedule(double Start, double Peak, double Final, int WarmupSteps, int TotalSteps)
{
    public static CosineSchedule Constant(double value) => new(value, value, value, 0, 1);

    /// <summary>A linear ramp to <paramref name="value"/> over <paramref name="warmupSteps"/>, flat after.</summary>
    public static CosineSchedule WarmupThenConstant(double start, double value, int warmupSteps) =>
        new(start, value, value, warmupSteps, Math.Max(warmupSteps, 1));

    public double At(long step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "step must be >= 0");
        if (step < WarmupSteps) return Start + (Peak - Start) * step / WarmupSteps;
        var span = TotalSteps - WarmupSteps;
        if (span <= 0 || step >= TotalSteps) return Final;
        var t = (double)(step - WarmupSteps) / span;
        return Final + 0.5 * (Peak - Final) * (1 + Math.Cos(Math.PI * t));
    }
}
