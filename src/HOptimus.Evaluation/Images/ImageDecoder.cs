using HOptimus.Core;
using SkiaSharp;

namespace HOptimus.Evaluation.Images;

/// <summary>Decodes a labelled patch file to RGB: TIFF through LibTiff.NET, PNG and JPEG through SkiaSharp.</summary>
public static class ImageDecoder
{
    public static readonly string[] Extensions = [".tif", ".tiff", ".png", ".jpg", ".jpeg"];

    public static RgbImage Decode(string path)
    {
        if (!File.Exists(path)) throw HoptException.BadInput($"{path}: image not found");
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".tif" or ".tiff") return TiffDecoder.Decode(path);
        if (!Extensions.Contains(extension))
            throw HoptException.BadInput($"{path}: unsupported image type '{extension}' (expected {string.Join(", ", Extensions)})");
        using var codec = SKCodec.Create(path) ?? throw HoptException.BadInput($"{path}: not a readable {extension} image");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw HoptException.BadInput($"{path}: image could not be decoded ({result})");
        return FromRgba(info.Width, info.Height, bitmap.GetPixelSpan());
    }

    internal static RgbImage FromRgba(int width, int height, ReadOnlySpan<byte> rgba)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
        {
            pixels[3 * i] = rgba[4 * i];
            pixels[3 * i + 1] = rgba[4 * i + 1];
            pixels[3 * i + 2] = rgba[4 * i + 2];
        }
        return new RgbImage(width, height, pixels);
    }
}
