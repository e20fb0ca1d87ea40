using HOptimus.Core;

namespace HOptimus.Slides.Tests;

public class TilingTests
{
    private static readonly TilingOptions Options = new();

    [Test]
    public void Mpp_025_slide_is_read_directly_from_level_1_and_block_tiles_equal_read_region()
    {
        using var slide = Slide.Open(TestSlides.Synthetic(TestSlides.Tissue25));
        var mask = TissueDetector.Detect(slide, Options.Tissue);
        var plan = TilePlan.Create(slide, 0.25, mask, Options);
        Assert.That((plan.Level, plan.Resample, plan.Side0), Is.EqualTo((1, false, 448.0)));
        Assert.That((plan.Columns, plan.Rows), Is.EqualTo((4, 3)));
        Assert.That(plan.Tiles, Is.Not.Empty);

        var reader = new TileBlockReader(224);
        var single = new byte[224 * 224 * 3];
        var checkedTiles = 0;
        foreach (var block in plan.Blocks(2))
            reader.Read(slide, plan, block, (tile, rgb) =>
            {
                slide.ReadRegionRgb(tile.X, tile.Y, plan.Level, 224, 224, single);
                Assert.That(rgb.SequenceEqual(single), $"tile at ({tile.X}, {tile.Y})");
                checkedTiles++;
            });
        Assert.That(checkedTiles, Is.EqualTo(plan.Tiles.Count));
    }

    [Test]
    public void Tissue_mask_separates_tissue_from_glass_and_keeps_tiles_with_enough_tissue()
    {
        using var slide = Slide.Open(TestSlides.Synthetic(TestSlides.Tissue25));
        var mask = TissueDetector.Detect(slide, Options.Tissue);
        Assert.That(mask.TissueFraction, Is.InRange(0.2, 0.8));
        // Every pixel called tissue is coloured; every glass pixel is near white.
        for (var i = 0; i < mask.Width * mask.Height; i += 97)
        {
            var min = Math.Min(mask.Rgb[3 * i], Math.Min(mask.Rgb[3 * i + 1], mask.Rgb[3 * i + 2]));
            if (!mask.Tissue[i]) continue;
            Assert.That(min, Is.LessThan(235), $"mask pixel {i} is tissue but white");
        }
        var plan = TilePlan.Create(slide, 0.25, mask, Options);
        foreach (var t in plan.Tiles) Assert.That(mask.Fraction(t.X, t.Y, plan.Side0, plan.Side0), Is.GreaterThanOrEqualTo(0.5));
        var lenient = TilePlan.Create(slide, 0.25, mask, Options with { MinTissueFraction = 0.05 });
        Assert.That(lenient.Tiles.Count, Is.GreaterThanOrEqualTo(plan.Tiles.Count));
    }

    [Test]
    public void Blank_slide_fails_with_no_tissue()
    {
        using var slide = Slide.Open(TestSlides.Synthetic(TestSlides.Blank));
        var mask = TissueDetector.Detect(slide, Options.Tissue);
        var e = Assert.Throws<HoptException>(() => TilePlan.Create(slide, 0.5, mask, Options));
        Assert.That(e!.Message, Does.Contain("no tissue"));
    }

    [Test]
    public void Slide_smaller_than_one_tile_fails_with_that_reason()
    {
        using var slide = Slide.Open(TestSlides.Synthetic(TestSlides.Blank));
        var mask = TissueDetector.Detect(slide, Options.Tissue);
        // 1024 px at 0.1 µm/px is 102 µm: less than one 112 µm tile.
        var e = Assert.Throws<HoptException>(() => TilePlan.Create(slide, 0.05, mask, Options));
        Assert.That(e!.Message, Does.Contain("smaller than one tile"));
    }

    [Test]
    public void Real_svs_at_1_um_per_px_is_upsampled_from_level_0_and_writes_a_thumbnail()
    {
        using var slide = Slide.Open(TestSlides.Real());
        var mask = TissueDetector.Detect(slide, Options.Tissue);
        Assert.That(mask.TissueFraction, Is.InRange(0.4, 0.95), "the section covers most of the slide");
        var plan = TilePlan.Create(slide, 1.0, mask, Options);
        Assert.That((plan.Level, plan.Resample, plan.ReadSide, plan.Side0), Is.EqualTo((0, true, 112.0, 112.0)));
        Assert.That(plan.Tiles.Count, Is.InRange(400, 1300));

        var png = Path.Combine(TestSlides.Folder, "real-thumb.png");
        Thumbnail.Write(png, mask, plan, maxSide: 512);
        var header = File.ReadAllBytes(png)[..8];
        Assert.That(header, Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        var size = Python.RunOk("import sys; from PIL import Image; print(*Image.open(sys.argv[1]).size)", png).Trim();
        Assert.That(size, Is.EqualTo($"512 {(int)(mask.Height * 512.0 / mask.Width)}"));
    }
}
