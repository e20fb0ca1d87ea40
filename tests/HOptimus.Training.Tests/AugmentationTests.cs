using HOptimus.Training.Data;
using HOptimus.Training.Options;

namespace HOptimus.Training.Tests;

public class AugmentationTests
{
    private static readonly float[] Zero = [0, 0, 0];

    [Test]
    public void FullCropWithoutAugmentationReproducesTheTile()
    {
        var rgb = TestTiles.Generated(1);
        var planes = new float[3 * 224 * 224];
        CropRenderer.Render(rgb, 224, new CropBox(0, 0, 224, 224, false, false, false), 224, planes);
        for (var i = 0; i < 224 * 224; i += 97)
            Assert.That(planes[224 * 224 + i], Is.EqualTo(rgb[3 * i + 1] / 255f).Within(1e-6f));
    }

    [Test]
    public void TransposeAndFlipsMoveThePixelsTheyShould()
    {
        var rgb = TestTiles.Generated(2);
        float Pixel(CropBox box, int x, int y)
        {
            var planes = new float[3 * 224 * 224];
            CropRenderer.Render(rgb, 224, box, 224, planes);
            return planes[y * 224 + x];
        }
        var plain = new CropBox(0, 0, 224, 224, false, false, false);
        Assert.Multiple(() =>
        {
            Assert.That(Pixel(plain with { Transpose = true }, 10, 50), Is.EqualTo(Pixel(plain, 50, 10)));
            Assert.That(Pixel(plain with { FlipX = true }, 10, 50), Is.EqualTo(Pixel(plain, 213, 50)));
            Assert.That(Pixel(plain with { FlipY = true }, 10, 50), Is.EqualTo(Pixel(plain, 10, 173)));
        });
    }

    [Test]
    public void SameSamplePositionGivesTheSameCropsAndAnotherOneDoesNot()
    {
        var crops = new CropOptions { GlobalSize = 56, LocalCount = 2, LocalSize = 28 };
        var aug = new MultiCropAugmenter(crops, new AugmentOptions(), TrainingSetup.Mean, TrainingSetup.Std, seed: 4);
        var rgb = TestTiles.Generated(3);
        float[] Global(long position)
        {
            var g = new float[2 * aug.GlobalPlane];
            aug.Augment(rgb, 224, position, g, new float[2 * aug.LocalPlane], 0, 1);
            return g;
        }
        var first = Global(17);
        Assert.That(Global(17), Is.EqualTo(first));
        Assert.That(Global(17), Is.Not.EqualTo(Global(18)));
        Assert.That(Global(17).All(float.IsFinite), Is.True);
    }

    [Test]
    public void ColourOpsFollowTorchvision()
    {
        float[] Pixel(float r, float g, float b) => [r, g, b];
        var p = Pixel(0.8f, 0.4f, 0.2f);
        ColorOps.Hue(p, 0);
        Assert.That(p, Is.EqualTo(Pixel(0.8f, 0.4f, 0.2f)).Within(1e-6f));
        ColorOps.Hue(p, 1f / 3); // a third of a turn moves red's role to green
        Assert.That(p, Is.EqualTo(Pixel(0.2f, 0.8f, 0.4f)).Within(1e-5f));
        ColorOps.Grayscale(p);
        Assert.That(p[0], Is.EqualTo(0.299f * 0.2f + 0.587f * 0.8f + 0.114f * 0.4f).Within(1e-6f));
        Assert.That(p[1], Is.EqualTo(p[0]));
        var s = Pixel(0.2f, 0.6f, 0.9f);
        ColorOps.Solarize(s);
        Assert.That(s, Is.EqualTo(Pixel(0.2f, 0.4f, 0.1f)).Within(1e-6f));
        var n = Pixel(0.5f, 0.5f, 0.5f);
        ColorOps.Normalize(n, Zero, [0.5f, 0.25f, 1f]);
        Assert.That(n, Is.EqualTo(Pixel(1f, 2f, 0.5f)).Within(1e-6f));
        ColorOps.Brightness(n, 1);
        Assert.That(n, Is.EqualTo(Pixel(1f, 1f, 0.5f)).Within(1e-6f), "brightness clamps to [0, 1]");
    }

    [Test]
    public void BlurKeepsAFlatImageFlatAndSoftensAnEdge()
    {
        var planes = new float[3 * 16 * 16];
        for (var i = 0; i < planes.Length; i++) planes[i] = i % 16 < 8 ? 0 : 1;
        GaussianBlur.Apply(planes, 16, 1.5f, new float[256]);
        Assert.Multiple(() =>
        {
            Assert.That(planes[0], Is.EqualTo(0).Within(1e-4f));
            Assert.That(planes[7], Is.GreaterThan(0.1f).And.LessThan(0.5f));
            Assert.That(planes[8], Is.GreaterThan(0.5f).And.LessThan(0.9f));
            Assert.That(planes[15], Is.EqualTo(1).Within(1e-4f));
        });
    }

    [Test]
    public void MasksCoverTheDrawnRatioAndDependOnlyOnThePosition()
    {
        var sampler = new MaskSampler(new MaskOptions { SampleProbability = 1, RatioMin = 0.2, RatioMax = 0.4 }, 16, 2, 1, true);
        var a = new bool[2 * 3 * 256];
        var b = new bool[2 * 1 * 256];
        sampler.Fill(5, a, index: 1, batch: 3);
        sampler.Fill(5, b, index: 0, batch: 1);
        var fromA = a.AsSpan(256, 256).ToArray().Concat(a.AsSpan((3 + 1) * 256, 256).ToArray());
        Assert.That(fromA, Is.EqualTo(b), "a sample's masks do not depend on its place in the batch");
        var masked = b.Take(256).Count(m => m);
        Assert.That(masked, Is.InRange((int)(0.2 * 256) - 4, (int)(0.4 * 256)));
        var none = new MaskSampler(new MaskOptions { SampleProbability = 0 }, 16, 2, 1, true);
        none.Fill(5, b, 0, 1);
        Assert.That(b.Any(m => m), Is.False);
    }
}
