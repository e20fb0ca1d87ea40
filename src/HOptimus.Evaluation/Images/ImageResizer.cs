using System.Runtime.InteropServices;
using SkiaSharp;

namespace HOptimus.Evaluation.Images;

/// <summary>
/// The usual evaluation transform: scale the short side to the model's input size (bilinear, with mipmaps
/// when shrinking), then take the centre square. Patches already at the input size pass through untouched.
/// </summary>
public static class ImageResizer
{
    public static RgbImage ResizeAndCenterCrop(RgbImage image, int size)
    {
        if (image.Width == size && image.Height == size) return image;
        var scale = (double)size / Math.Min(image.Width, image.Height);
        var width = Math.Max(size, (int)Math.Round(image.Width * scale));
        var height = Math.Max(size, (int)Math.Round(image.Height * scale));
        var rgba = new byte[image.Width * image.Height * 4];
        for (var i = 0; i < image.Width * image.Height; i++)
        {
            rgba[4 * i] = image.Pixels[3 * i];
            rgba[4 * i + 1] = image.Pixels[3 * i + 1];
            rgba[4 * i + 2] = image.Pixels[3 * i + 2];
            rgba[4 * i + 3] = 255;
        }
        var sourceInfo = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var source = new SKBitmap(sourceInfo);
        Marshal.Copy(rgba, 0, source.GetPixels(), rgba.Length);
        using var scaled = source.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        var pixels = scaled.GetPixelSpan();
        var left = (width - size) / 2;
        var top = (height - size) / 2;
        var crop = new byte[size * size * 4];
        for (var y = 0; y < size; y++)
            pixels.Slice(((top + y) * width + left) * 4, size * 4).CopyTo(crop.AsSpan(y * size * 4));
        return ImageDecoder.FromRgba(size, size, crop);
    }
}
