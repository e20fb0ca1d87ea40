namespace HOptimus.Tiles.Tests;

public class TileCodecTests
{
    [Test]
    public void Raw_round_trip_is_byte_exact()
    {
        using var codec = new TileCodec(TileCodecKind.Raw, 224);
        var rgb = TestImages.Pattern(5);
        Assert.That(codec.Decode(codec.Encode(rgb)), Is.EqualTo(rgb));
    }

    /// <summary>
    /// NCT-CRC-HE patches are dense texture already resampled to 0.5 µm/px: quality 90 gives 35-54 dB on
    /// them (PIL agrees within 0.1 dB). The 40 dB target is about slide tiles and is checked by
    /// the pack tests against OpenSlide's read_region.
    /// </summary>
    [Test]
    public void Jpeg_90_keeps_real_HE_patches_above_35_dB()
    {
        using var codec = new TileCodec(TileCodecKind.Jpeg, 224, 90);
        foreach (var (name, rgb) in TestImages.RealPatches())
        {
            var jpeg = codec.Encode(rgb);
            Assert.That(jpeg.Length, Is.LessThan(rgb.Length / 2), $"{name}: JPEG should compress");
            Assert.That(jpeg[..2], Is.EqualTo(new byte[] { 0xFF, 0xD8 }), $"{name}: JPEG SOI marker");
            var psnr = TileCodec.Psnr(rgb, codec.Decode(jpeg));
            Assert.That(psnr, Is.GreaterThanOrEqualTo(35), $"{name}: PSNR {psnr:F1} dB");
        }
    }

    [Test]
    public void Lower_quality_gives_smaller_files_and_lower_psnr()
    {
        var rgb = TestImages.RealPatches()[^1].Rgb;
        using var high = new TileCodec(TileCodecKind.Jpeg, 224, 95);
        using var low = new TileCodec(TileCodecKind.Jpeg, 224, 50);
        var (h, l) = (high.Encode(rgb), low.Encode(rgb));
        Assert.That(l.Length, Is.LessThan(h.Length));
        Assert.That(TileCodec.Psnr(rgb, low.Decode(l)), Is.LessThan(TileCodec.Psnr(rgb, high.Decode(h))));
    }

    [Test]
    public void Corrupt_jpeg_is_a_clear_error()
    {
        using var codec = new TileCodec(TileCodecKind.Jpeg, 224);
        var jpeg = codec.Encode(TestImages.Pattern(1));
        var e = Assert.Throws<Core.HoptException>(() => codec.Decode(jpeg.AsSpan(0, 20)));
        Assert.That(e!.Message, Does.Contain("JPEG tile"));
    }

    [Test]
    public void Codec_is_safe_from_several_threads()
    {
        using var codec = new TileCodec(TileCodecKind.Jpeg, 224);
        var inputs = Enumerable.Range(0, 32).Select(i => TestImages.Pattern(i)).ToArray();
        var sequential = inputs.Select(i => codec.Encode(i)).ToArray();
        var parallel = new byte[inputs.Length][];
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = codec.Encode(inputs[i]));
        Assert.That(parallel, Is.EqualTo(sequential));
    }

    [Test]
    public void Psnr_is_infinite_for_equal_images_and_finite_otherwise()
    {
        var a = TestImages.Pattern(0);
        var b = (byte[])a.Clone();
        Assert.That(TileCodec.Psnr(a, b), Is.EqualTo(double.PositiveInfinity));
        b[0] ^= 16;
        Assert.That(TileCodec.Psnr(a, b), Is.GreaterThan(60).And.LessThan(double.PositiveInfinity));
    }
}
