using HOptimus.Core;

namespace HOptimus.Training.Options;

/// <summary>The EMA teacher: momentum schedule and softmax temperature warm-up.</summary>
public sealed record TeacherOptions
{
    /// <summary>EMA momentum, cosine from start to end over the run. Defaults 0.994 -> 1.0 (H-optimus-1).</summary>
    public double MomentumStart { get; init; } = 0.994;
    public double MomentumEnd { get; init; } = 1.0;
    /// <summary>Teacher softmax temperature after warm-up. Default 0.07.</summary>
    public double Temperature { get; init; } = 0.07;
    /// <summary>Temperature at step 0, raised linearly over TemperatureWarmupSteps. Defaults 0.04, 300.</summary>
    public double WarmupTemperature { get; init; } = 0.04;
    public int TemperatureWarmupSteps { get; init; } = 300;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(OptionsValidation.InRange("Train:Teacher:MomentumStart", MomentumStart, 0, 1));
        errors.AddRange(OptionsValidation.InRange("Train:Teacher:MomentumEnd", MomentumEnd, MomentumStart, 1));
        errors.AddRange(OptionsValidation.Positive("Train:Teacher:Temperature", Temperature));
        errors.AddRange(OptionsValidation.Positive("Train:Teacher:WarmupTemperature", WarmupTemperature));
        errors.AddRange(OptionsValidation.InRange("Train:Teacher:TemperatureWarmupSteps", TemperatureWarmupSteps, 0, int.MaxValue));
        return errors;
    }
}
