using HOptimus.Core;

namespace HOptimus.Training.Options;

/// <summary>DINOv2 multi-crop: global crops seen by teacher and student, local crops by the student only.</summary>
public sealed record CropOptions
{
    /// <summary>Global crops per image. Default 2 (the DINO loss pairs them crosswise).</summary>
    public int GlobalCount { get; init; } = 2;
    /// <summary>Global crop side in pixels, a multiple of the patch size. Default 224.</summary>
    public int GlobalSize { get; init; } = 224;
    /// <summary>Random-resized-crop area fraction range of global crops. Default [0.32, 1.0].</summary>
    public double GlobalScaleMin { get; init; } = 0.32;
    public double GlobalScaleMax { get; init; } = 1.0;
    /// <summary>Local crops per image; 0 disables them. Default 8.</summary>
    public int LocalCount { get; init; } = 8;
    /// <summary>Local crop side in pixels, a multiple of the patch size. Default 98.</summary>
    public int LocalSize { get; init; } = 98;
    /// <summary>Area fraction range of local crops. Default [0.05, 0.32].</summary>
    public double LocalScaleMin { get; init; } = 0.05;
    public double LocalScaleMax { get; init; } = 0.32;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        if (GlobalCount != 2) errors.Add($"Train:Crops:GlobalCount: must be 2 (the DINO loss swaps the two global views), got {GlobalCount}");
        errors.AddRange(OptionsValidation.Positive("Train:Crops:GlobalSize", GlobalSize));
        errors.AddRange(OptionsValidation.InRange("Train:Crops:LocalCount", LocalCount, 0, 64));
        errors.AddRange(OptionsValidation.Positive("Train:Crops:LocalSize", LocalSize));
        errors.AddRange(ScaleRange("Global", GlobalScaleMin, GlobalScaleMax));
        errors.AddRange(ScaleRange("Local", LocalScaleMin, LocalScaleMax));
        return errors;
    }

    private static IEnumerable<string> ScaleRange(string kind, double min, double max) =>
        min > 0 && min <= max && max <= 1 ? [] : [$"Train:Crops:{kind}ScaleMin/Max: need 0 < min <= max <= 1, got [{min}, {max}]"];
}
