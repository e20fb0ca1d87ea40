using HOptimus.Training.Options;

namespace HOptimus.Training.Schedules;

/// <summary>Every value the trainer reads per step, from the recipe; the step is the only state.</summary>
public sealed record ScheduleValues(double Lr, double WeightDecay, double Momentum, double TeacherTemperature, bool FreezeLastLayer);

public sealed class TrainingSchedules
{
    public CosineSchedule Lr { get; }
    public CosineSchedule WeightDecay { get; }
    public CosineSchedule Momentum { get; }
    public CosineSchedule TeacherTemperature { get; }
    public int FreezeLastLayerSteps { get; }
    /// <summary>The peak lr after the sqrt batch-size rule: BaseLr x sqrt(globalBatch / 1024).</summary>
    public double PeakLr { get; }

    public TrainingSchedules(TrainerOptions options)
    {
        var o = options.Optim;
        PeakLr = o.SqrtBatchScaling ? o.BaseLr * Math.Sqrt(options.Data.GlobalBatchSize / 1024.0) : o.BaseLr;
        Lr = new CosineSchedule(0, PeakLr, Math.Min(o.MinLr, PeakLr), o.WarmupSteps, options.TotalSteps);
        WeightDecay = new CosineSchedule(o.WeightDecay, o.WeightDecay, o.WeightDecayEnd, 0, options.TotalSteps);
        Momentum = new CosineSchedule(options.Teacher.MomentumStart, options.Teacher.MomentumStart,
                                      options.Teacher.MomentumEnd, 0, options.TotalSteps);
        TeacherTemperature = CosineSchedule.WarmupThenConstant(
            options.Teacher.WarmupTemperature, options.Teacher.Temperature, options.Teacher.TemperatureWarmupSteps);
        FreezeLastLayerSteps = o.FreezeLastLayerSteps;
    }

    public ScheduleValues At(long step) => new(
        Lr.At(step), WeightDecay.At(step), Momentum.At(step), TeacherTemperature.At(step), step < FreezeLastLayerSteps);
}
