using HOptimus.Core;

namespace HOptimus.Training.Options;

/// <summary>
/// iBOT block masking of the student's global crops. Drawn per crop from the sample's own random stream
/// (not DINOv2's per-batch stratification), so a sample is masked the same whatever the world size.
/// </summary>
public sealed record MaskOptions
{
    /// <summary>Probability that a global crop is masked at all. Default 0.5.</summary>
    public double SampleProbability { get; init; } = 0.5;
    /// <summary>Fraction of patches masked in a masked crop, drawn uniformly in [min, max]. Default [0.1, 0.5].</summary>
    public double RatioMin { get; init; } = 0.1;
    public double RatioMax { get; init; } = 0.5;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(OptionsValidation.InRange("Train:Mask:SampleProbability", SampleProbability, 0, 1));
        if (!(RatioMin >= 0 && RatioMin <= RatioMax && RatioMax < 1))
            errors.Add($"Train:Mask:RatioMin/Max: need 0 <= min <= max < 1, got [{RatioMin}, {RatioMax}]");
        return errors;
    }
}
