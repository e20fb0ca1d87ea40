namespace HOptimus.Slides.Tests;

public class ResamplerTests
{
    [Test]
    public void Halving_is_the_2x2_box_average()
    {
        var src = new byte[4 * 4 * 3];
        for (var i = 0; i < src.Length; i++) src[i] = (byte)(i * 5);
        var dst = new byte[2 * 2 * 3];
        Resampler.Resample(src, 4, 4, 0, 0, 4, dst, 2);
        for (var v = 0; v < 2; v++)
        for (var u = 0; u < 2; u++)
        for (var c = 0; c < 3; c++)
        {
            var sum = 0;
            for (var dy = 0; dy < 2; dy++)
            for (var dx = 0; dx < 2; dx++) sum += src[((2 * v + dy) * 4 + 2 * u + dx) * 3 + c];
            Assert.That(dst[(v * 2 + u) * 3 + c], Is.EqualTo((int)Math.Floor(sum / 4.0 + 0.5)).Within(1));
        }
    }

    [TestCase(0.5)]
    [TestCase(1.7)]
    public void Flat_colour_stays_flat_at_any_scale(double scale)
    {
        var src = Enumerable.Repeat(new byte[] { 200, 100, 50 }, 64 * 64).SelectMany(p => p).ToArray();
        var dst = new byte[16 * 16 * 3];
        Resampler.Resample(src, 64, 64, 3.3, 2.1, 16 * scale, dst, 16);
        Assert.That(dst.Chunk(3).Select(p => (p[0], p[1], p[2])).Distinct(), Is.EqualTo(new[] { ((byte)200, (byte)100, (byte)50) }));
    }

    [Test]
    public void Otsu_splits_a_bimodal_histogram_between_its_modes()
    {
        var values = Enumerable.Repeat((byte)10, 500).Concat(Enumerable.Repeat((byte)200, 300)).ToArray();
        Assert.That(ImageFilters.Otsu(values), Is.InRange(11, 200));
    }
}
