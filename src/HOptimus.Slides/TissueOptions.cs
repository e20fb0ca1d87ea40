using HOptimus.Core;

namespace HOptimus.Slides;

/// <summary>Tissue detection on a low-resolution level (CLAM-like: saturation, median, Otsu, morphology).</summary>
public sealed record TissueOptions : IValidatable
{
    /// <summary>Longest side of the image the mask is computed on, px; the coarsest level at least this big is read and averaged down to it (default 1024).</summary>
    public int MaskMaxSide { get; init; } = 1024;
    /// <summary>Median filter side on the saturation channel, mask px, odd (default 7; 1 = off).</summary>
    public int MedianKernel { get; init; } = 7;
    /// <summary>Fixed saturation threshold 0..255; null = Otsu on the slide's saturation histogram (default null).</summary>
    public int? SaturationThreshold { get; init; }
    /// <summary>Otsu's threshold is raised to at least this, 0..255, so a blank slide is not split on noise (default 20).</summary>
    public int MinSaturation { get; init; } = 20;
    /// <summary>Pixels brighter than this in every channel are background whatever their saturation (default 235).</summary>
    public int WhiteLevel { get; init; } = 235;
    /// <summary>Pixels darker than this in every channel (pen, dust, slide edge) are not tissue (default 20).</summary>
    public int BlackLevel { get; init; } = 20;
    /// <summary>Closing radius, mask px: fills small holes in tissue (default 2; 0 = off).</summary>
    public int CloseRadius { get; init; } = 2;
    /// <summary>Opening radius, mask px: removes specks (default 1; 0 = off).</summary>
    public int OpenRadius { get; init; } = 1;

    public IEnumerable<string> Validate()
    {
        if (MaskMaxSide < 64) yield return $"Tissue:MaskMaxSide: must be >= 64, got {MaskMaxSide}";
        if (MedianKernel < 1 || MedianKernel % 2 == 0) yield return $"Tissue:MedianKernel: must be odd and >= 1, got {MedianKernel}";
        if (SaturationThreshold is < 0 or > 255) yield return $"Tissue:SaturationThreshold: must be in [0, 255], got {SaturationThreshold}";
        foreach (var e in OptionsValidation.InRange("Tissue:MinSaturation", MinSaturation, 0, 255)) yield return e;
        foreach (var e in OptionsValidation.InRange("Tissue:WhiteLevel", WhiteLevel, 0, 255)) yield return e;
        foreach (var e in OptionsValidation.InRange("Tissue:BlackLevel", BlackLevel, 0, 255)) yield return e;
        foreach (var e in OptionsValidation.InRange("Tissue:CloseRadius", CloseRadius, 0, 32)) yield return e;
        foreach (var e in OptionsValidation.InRange("Tissue:OpenRadius", OpenRadius, 0, 32)) yield return e;
    }
}
