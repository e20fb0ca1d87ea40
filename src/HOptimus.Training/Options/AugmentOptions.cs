using HOptimus.Core;

namespace HOptimus.Training.Options;

/// <summary>
/// DINOv2's photometric augmentations plus what histology adds: vertical flips and 90-degree turns
/// (a slide has no up). Probabilities are per crop.
/// </summary>
public sealed record AugmentOptions
{
    /// <summary>Probability of a horizontal flip, and separately of a vertical flip. Default 0.5.</summary>
    public double FlipProbability { get; init; } = 0.5;
    /// <summary>Turn each crop by a uniformly drawn multiple of 90 degrees. Default true.</summary>
    public bool Rotate90 { get; init; } = true;
    /// <summary>Probability of colour jitter. Default 0.8.</summary>
    public double ColorJitterProbability { get; init; } = 0.8;
    /// <summary>Jitter strengths as torchvision's ColorJitter: factor in [1-s, 1+s], hue shift in [-h, h]. Defaults 0.4, 0.4, 0.2, 0.1.</summary>
    public double Brightness { get; init; } = 0.4;
    public double Contrast { get; init; } = 0.4;
    public double Saturation { get; init; } = 0.2;
    public double Hue { get; init; } = 0.1;
    /// <summary>Probability of grayscale. Default 0.2.</summary>
    public double GrayscaleProbability { get; init; } = 0.2;
    /// <summary>Gaussian blur probabilities: first global crop, second global crop, local crops. Defaults 1.0, 0.1, 0.5.</summary>
    public double BlurProbabilityGlobal1 { get; init; } = 1.0;
    public double BlurProbabilityGlobal2 { get; init; } = 0.1;
    public double BlurProbabilityLocal { get; init; } = 0.5;
    /// <summary>Blur sigma range in pixels. Default [0.1, 2.0] (kernel radius 4, as torchvision's kernel 9).</summary>
    public double BlurSigmaMin { get; init; } = 0.1;
    public double BlurSigmaMax { get; init; } = 2.0;
    /// <summary>Probability of solarising the second global crop. Default 0.2, threshold 128 of 255.</summary>
    public double SolarizeProbability { get; init; } = 0.2;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (key, p) in new[]
                 {
                     ("FlipProbability", FlipProbability), ("ColorJitterProbability", ColorJitterProbability),
                     ("GrayscaleProbability", GrayscaleProbability), ("BlurProbabilityGlobal1", BlurProbabilityGlobal1),
                     ("BlurProbabilityGlobal2", BlurProbabilityGlobal2), ("BlurProbabilityLocal", BlurProbabilityLocal),
                     ("SolarizeProbability", SolarizeProbability), ("Brightness", Brightness), ("Contrast", Contrast),
                     ("Saturation", Saturation),
                 })
            errors.AddRange(OptionsValidation.InRange($"Train:Augment:{key}", p, 0, 1));
        errors.AddRange(OptionsValidation.InRange("Train:Augment:Hue", Hue, 0, 0.5));
        if (!(BlurSigmaMin > 0 && BlurSigmaMin <= BlurSigmaMax && BlurSigmaMax <= 10))
            errors.Add($"Train:Augment:BlurSigmaMin/Max: need 0 < min <= max <= 10, got [{BlurSigmaMin}, {BlurSigmaMax}]");
        return errors;
    }
}
