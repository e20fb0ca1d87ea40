using HOptimus.Core;

namespace HOptimus.Slides.Tests;

public class SlideTests
{
    [Test]
    public void Real_svs_opens_with_its_two_levels_and_no_mpp()
    {
        using var slide = Slide.Open(TestSlides.Real());
        Assert.That(slide.LevelCount, Is.EqualTo(2));
        Assert.That(slide.Dimensions(0), Is.EqualTo((4443L, 3567L)));
        Assert.That(slide.Downsample(1), Is.EqualTo(2.0005).Within(1e-3));
        Assert.That(slide.Property("openslide.vendor"), Is.EqualTo("aperio"));
        Assert.That(slide.Property("openslide.mpp-x"), Is.Null);
        Assert.That(slide.PropertyNames(), Does.Contain("tiff.ImageDescription"));
        var e = Assert.Throws<HoptException>(() => MppResolution.Resolve(slide.Path, slide.Property, null, null));
        Assert.That(e!.Message, Does.Contain(slide.Path).And.Contain("no µm/px"));
        Assert.That(MppResolution.Resolve(slide.Path, slide.Property, 1.0, null), Is.EqualTo(new MppResolution(1.0, "list")));
    }

    [Test]
    public void Synthetic_slide_reads_as_aperio_with_its_mpp()
    {
        using var slide = Slide.Open(TestSlides.Synthetic(TestSlides.Tissue25));
        Assert.That(slide.Dimensions(0), Is.EqualTo((2048L, 1536L)));
        Assert.That(slide.Downsample(1), Is.EqualTo(2.0));
        Assert.That(MppResolution.Resolve(slide.Path, slide.Property, null, null), Is.EqualTo(new MppResolution(0.25, "openslide.mpp-x")));
        Assert.That(MppResolution.Resolve(slide.Path, slide.Property, 0.3, 0.4).Source, Is.EqualTo("override"));
    }

    [TestCase(0)]
    [TestCase(1)]
    public void Read_region_equals_python_openslide_byte_for_byte(int level)
    {
        var path = TestSlides.Synthetic(TestSlides.Tissue25);
        using var slide = Slide.Open(path);
        var rgb = new byte[300 * 200 * 3];
        slide.ReadRegionRgb(700, 500, level, 300, 200, rgb);
        var hex = Python.RunOk(
            "import sys, openslide; s = openslide.OpenSlide(sys.argv[1]); " +
            "print(s.read_region((700, 500), int(sys.argv[2]), (300, 200)).convert('RGB').tobytes().hex())", path, level.ToString());
        Assert.That(Convert.ToHexStringLower(rgb), Is.EqualTo(hex.Trim()));
    }

    [Test]
    public void Missing_empty_foreign_and_truncated_files_fail_with_their_reason()
    {
        var dir = Path.Combine(TestSlides.Folder, "bad");
        Directory.CreateDirectory(dir);
        var empty = Path.Combine(dir, "empty.svs");
        File.WriteAllBytes(empty, []);
        var text = Path.Combine(dir, "notes.svs");
        File.WriteAllText(text, "not a slide at all\n");
        Assert.That(Reason(Path.Combine(dir, "missing.svs")), Does.Contain("file not found"));
        Assert.That(Reason(empty), Does.Contain("empty (0 bytes)"));
        Assert.That(Reason(text), Does.Contain("not a slide OpenSlide can read"));

        var truncated = Path.Combine(dir, "cut.tif");
        var bytes = File.ReadAllBytes(TestSlides.Synthetic(TestSlides.Tissue25));
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 3)]);
        Assert.That(ReasonOpenOrRead(truncated), Does.Contain(truncated));
    }

    private static string Reason(string path) => Assert.Throws<HoptException>(() => Slide.Open(path))!.Message;

    /// <summary>A truncated TIFF may open (its directory survives) and then fail when a tile past the cut is read.</summary>
    private static string ReasonOpenOrRead(string path) => Assert.Throws<HoptException>(() =>
    {
        using var slide = Slide.Open(path);
        var (w, h) = slide.Dimensions(0);
        var rgb = new byte[w * h * 3];
        slide.ReadRegionRgb(0, 0, 0, (int)w, (int)h, rgb);
    })!.Message;
}
