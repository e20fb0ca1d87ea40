using HOptimus.Core;

namespace HOptimus.Slides.Tests;

public class MppResolutionTests
{
    private static Func<string, string?> Props(params (string Key, string Value)[] p) =>
        name => p.FirstOrDefault(x => x.Key == name).Value;

    [Test]
    public void Tiff_resolution_in_centimetres_and_inches_gives_microns_per_pixel()
    {
        Assert.That(MppResolution.Resolve("s", Props(("tiff.XResolution", "40000"), ("tiff.ResolutionUnit", "centimeter")), null, null),
            Is.EqualTo(new MppResolution(0.25, "tiff.XResolution")));
        Assert.That(MppResolution.Resolve("s", Props(("tiff.XResolution", "50800"), ("tiff.ResolutionUnit", "inch")), null, null).Mpp,
            Is.EqualTo(0.5).Within(1e-12));
    }

    [TestCase("72", "inch")]
    [TestCase("10", "centimeter")]
    [TestCase("40000", "none")]
    public void Placeholder_or_unitless_resolution_is_not_an_mpp(string x, string unit)
    {
        var e = Assert.Throws<HoptException>(() =>
            MppResolution.Resolve("slide.tif", Props(("tiff.XResolution", x), ("tiff.ResolutionUnit", unit)), null, null));
        Assert.That(e!.Message, Does.StartWith("slide.tif: no µm/px"));
    }

    [Test]
    public void Explicit_values_win_over_metadata_in_order_override_list_openslide_aperio()
    {
        var props = Props(("openslide.mpp-x", "0.2527"), ("aperio.MPP", "0.26"));
        Assert.That(MppResolution.Resolve("s", props, 0.3, 0.4), Is.EqualTo(new MppResolution(0.4, "override")));
        Assert.That(MppResolution.Resolve("s", props, 0.3, null), Is.EqualTo(new MppResolution(0.3, "list")));
        Assert.That(MppResolution.Resolve("s", props, null, null), Is.EqualTo(new MppResolution(0.2527, "openslide.mpp-x")));
        Assert.That(MppResolution.Resolve("s", Props(("aperio.MPP", "0.26")), null, null), Is.EqualTo(new MppResolution(0.26, "aperio.MPP")));
    }
}
