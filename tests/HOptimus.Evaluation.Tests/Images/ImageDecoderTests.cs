using HOptimus.Core;
using HOptimus.Evaluation.Images;
using HOptimus.Evaluation.Tests.Support;

namespace HOptimus.Evaluation.Tests.Images;

/// <summary>Decoding the real NCT-CRC-HE TIFF patches, and PNG/JPEG written by PIL, against PIL's pixels.</summary>
public class ImageDecoderTests
{
    [Test]
    public void Real_tiff_patches_decode_to_the_same_pixels_as_pil()
    {
        var folder = SharedData.NctPatches;
        var files = Directory.GetFiles(folder, "*.tif").Order().ToArray();
        Assert.That(files, Has.Length.EqualTo(9));
        using var reference = new PythonReference();
        reference.Run($$"""
            from PIL import Image
            import glob, os
            for f in sorted(glob.glob('{{folder}}/*.tif')):
                open(os.path.basename(f) + '.rgb', 'wb').write(Image.open(f).convert('RGB').tobytes())
            print('{}')
            """);
        foreach (var file in files)
        {
            var image = ImageDecoder.Decode(file);
            Assert.That((image.Width, image.Height), Is.EqualTo((224, 224)), file);
            var expected = File.ReadAllBytes(Path.Combine(reference.Folder, Path.GetFileName(file) + ".rgb"));
            Assert.That(image.Pixels, Is.EqualTo(expected), $"{file}: pixels differ from PIL's");
        }
    }

    [Test]
    public void Png_matches_pil_exactly_and_jpeg_within_decoder_rounding()
    {
        var tif = Directory.GetFiles(SharedData.NctPatches, "*.tif").Order().First();
        using var reference = new PythonReference();
        reference.Run($$"""
            from PIL import Image
            im = Image.open('{{tif}}').convert('RGB').crop((0, 0, 200, 150))
            im.save('a.png'); im.save('a.jpg', quality=90)
            open('png.rgb', 'wb').write(Image.open('a.png').convert('RGB').tobytes())
            open('jpg.rgb', 'wb').write(Image.open('a.jpg').convert('RGB').tobytes())
            print('{}')
            """);
        var png = ImageDecoder.Decode(Path.Combine(reference.Folder, "a.png"));
        Assert.That((png.Width, png.Height), Is.EqualTo((200, 150)));
        Assert.That(png.Pixels, Is.EqualTo(File.ReadAllBytes(Path.Combine(reference.Folder, "png.rgb"))));
        var jpg = ImageDecoder.Decode(Path.Combine(reference.Folder, "a.jpg"));
        var pil = File.ReadAllBytes(Path.Combine(reference.Folder, "jpg.rgb"));
        var meanAbs = jpg.Pixels.Zip(pil).Average(p => Math.Abs(p.First - p.Second));
        Assert.That(meanAbs, Is.LessThan(1.5), "JPEG decoders may differ by IDCT rounding, not more");
    }

    [Test]
    public void Resize_scales_the_short_side_then_crops_the_centre()
    {
        // A 100x50 image: left half black, right half white; scaled to 56x28 then cropped to 28x28 around the edge.
        var pixels = new byte[100 * 50 * 3];
        for (var y = 0; y < 50; y++)
            for (var x = 50; x < 100; x++)
                for (var c = 0; c < 3; c++) pixels[(y * 100 + x) * 3 + c] = 255;
        var resized = ImageResizer.ResizeAndCenterCrop(RgbImage.Create(100, 50, pixels), 28);
        Assert.That((resized.Width, resized.Height), Is.EqualTo((28, 28)));
        Assert.That(resized.Pixels[(14 * 28 + 2) * 3], Is.LessThan(10), "left of the crop is black");
        Assert.That(resized.Pixels[(14 * 28 + 25) * 3], Is.GreaterThan(245), "right of the crop is white");
    }

    [Test]
    public void Unreadable_files_are_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-tiff-{Guid.NewGuid():N}.tif");
        File.WriteAllText(path, "hello");
        try
        {
            var error = Assert.Throws<HoptException>(() => ImageDecoder.Decode(path))!;
            Assert.That(error.Message, Does.Contain(path).And.Contain("not a readable TIFF"));
            Assert.That(Assert.Throws<HoptException>(() => ImageDecoder.Decode(path + ".bmp"))!.Message, Does.Contain("image not found"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
