namespace HOptimus.Slides.Tests;

/// <summary>
/// JPEG-tiled TIFF levels read without OpenSlide give OpenSlide's bytes exactly, for regions that start
/// and end inside source tiles, cross their edges, and touch the level's border.
/// </summary>
public class DirectTiffReadTests
{
    private static IEnumerable<(long X, long Y, int W, int H)> Regions(long width, long height)
    {
        var rng = new Random(7);
        yield return (0, 0, 224, 224);
        yield return (width - 300, height - 200, 300, 200);   // the last, partial source tiles
        for (var i = 0; i < 12; i++)
        {
            var w = rng.Next(1, (int)Math.Min(900, width));
            var h = rng.Next(1, (int)Math.Min(900, height));
            yield return (rng.NextInt64(0, width - w), rng.NextInt64(0, height - h), w, h);
        }
    }

    [TestCase(0)]
    [TestCase(1)]
    public void Synthetic_levels_read_directly_equal_OpenSlide(int level) => AssertSameAsOpenSlide(TestSlides.Synthetic(TestSlides.Tissue25), level);

    [TestCase(0)]
    [TestCase(2)]
    public void BigTiff_with_240_px_tiles_read_directly_equals_OpenSlide(int level)
    {
        var path = Path.Combine(TestSlides.Folder, "tissue-bigtiff-240.tif");
        if (!File.Exists(path))
        {
            var start = new System.Diagnostics.ProcessStartInfo("vips",
                ["tiffsave", TestSlides.Synthetic(TestSlides.Tissue25), path, "--tile", "--tile-width", "240", "--tile-height", "240",
                 "--pyramid", "--compression", "jpeg", "--Q", "85", "--bigtiff"]) { RedirectStandardError = true };
            try
            {
                using var vips = System.Diagnostics.Process.Start(start)!;
                vips.WaitForExit();
                if (vips.ExitCode != 0) Assert.Ignore($"vips tiffsave failed: {vips.StandardError.ReadToEnd()}");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                Assert.Ignore($"vips not available: {e.Message}");
            }
        }
        AssertSameAsOpenSlide(path, level);
    }

    [Test]
    public void Jpeg2000_svs_is_left_to_OpenSlide()
    {
        using var slide = Slide.Open(TestSlides.Real());
        Assert.That(slide.HasDirectReader, Is.False, "the real TCGA slide stores JPEG 2000 tiles");
    }

    private static void AssertSameAsOpenSlide(string path, int level)
    {
        using var slide = Slide.Open(path);
        Assert.That(slide.HasDirectReader, Is.True, "a JPEG-tiled TIFF is read directly");
        var (width, height) = slide.Dimensions(level);
        var ds = slide.Downsample(level);
        foreach (var (x, y, w, h) in Regions(width, height))
        {
            var direct = new byte[w * h * 3];
            var openSlide = new byte[w * h * 3];
            var (x0, y0) = ((long)(x * ds), (long)(y * ds));
            slide.DirectRead = true;
            var before = slide.DirectReads;
            slide.ReadRegionRgb(x0, y0, level, w, h, direct);
            Assert.That(slide.DirectReads, Is.EqualTo(before + 1), "read without OpenSlide");
            slide.DirectRead = false;
            slide.ReadRegionRgb(x0, y0, level, w, h, openSlide);
            Assert.That(direct, Is.EqualTo(openSlide), $"level {level} region ({x}, {y}) {w}x{h}");
        }
    }
}
