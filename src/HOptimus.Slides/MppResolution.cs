using System.Globalization;
using HOptimus.Core;

namespace HOptimus.Slides;

/// <summary>A slide's level-0 µm/px and where it came from.</summary>
/// <param name="Mpp">µm per level-0 pixel.</param>
/// <param name="Source">"override", "list", a property name such as "openslide.mpp-x", or "tiff.XResolution".</param>
public sealed record MppResolution(double Mpp, string Source)
{
    // OpenSlide fills openslide.mpp-x for every vendor it knows (Aperio, Hamamatsu, MIRAX, Leica, Philips…).
    private static readonly string[] VendorProperties = ["openslide.mpp-x", "aperio.MPP"];

    /// <summary>
    /// An explicit value wins over metadata: the --mpp override first, then the slide list's mpp column
    /// (the operator said so for this slide), then OpenSlide's mpp and vendor fields, then the TIFF
    /// resolution tags. None of them: the slide fails with that reason, alone.
    /// </summary>
    public static MppResolution Resolve(string path, Func<string, string?> property, double? listMpp, double? overrideMpp)
    {
        if (overrideMpp is double o) return new MppResolution(o, "override");
        if (listMpp is double l) return new MppResolution(l, "list");
        foreach (var name in VendorProperties)
            if (Positive(property(name)) is double v) return new MppResolution(v, name);
        if (FromTiffResolution(property) is double t) return new MppResolution(t, "tiff.XResolution");
        throw HoptException.BadInput(
            $"{path}: no µm/px known: no openslide.mpp-x, aperio.MPP or tiff.XResolution with a unit in its metadata, " +
            "no mpp column value in the slide list and no --mpp override");
    }

    /// <summary>tiff.XResolution is pixels per ResolutionUnit (centimeter or inch); "none" says nothing.</summary>
    private static double? FromTiffResolution(Func<string, string?> property)
    {
        if (Positive(property("tiff.XResolution")) is not double perUnit) return null;
        var micronsPerUnit = property("tiff.ResolutionUnit")?.Trim().ToLowerInvariant() switch
        {
            "centimeter" => 10_000.0,
            "inch" => 25_400.0,
            _ => (double?)null,
        };
        if (micronsPerUnit is not double m) return null;
        var mpp = m / perUnit;
        // Scanners write 72 or 96 dpi placeholders: anything coarser than 100 µm/px is not a resolution.
        return mpp is > 0.01 and < 100 ? mpp : null;
    }

    private static double? Positive(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v : null;
}
