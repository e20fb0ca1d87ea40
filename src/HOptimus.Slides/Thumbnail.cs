using HOptimus.Core;
using SkiaSharp;

namespace HOptimus.Slides;

/// <summary>
/// A PNG to check the cut at a glance: the low-resolution slide, tissue tinted green, kept tiles
/// outlined in blue.
/// </summary>
public static class Thumbnail
{
    /// <param name="maxSide">Longest side of the PNG, px (default 1024).</param>
    public static void Write(string path, TissueMask mask, TilePlan plan, int maxSide = 1024)
    {
        var scale = Math.Min(1.0, maxSide / (double)Math.Max(mask.Width, mask.Height));
        var width = Math.Max(1, (int)(mask.Width * scale));
        var height = Math.Max(1, (int)(mask.Height * scale));
        using var source = new SKBitmap(mask.Width, mask.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = new byte[mask.Width * mask.Height * 4];
        for (var i = 0; i < mask.Width * mask.Height; i++)
        {
            byte r = mask.Rgb[3 * i], g = mask.Rgb[3 * i + 1], b = mask.Rgb[3 * i + 2];
            if (mask.Tissue[i]) (r, g) = ((byte)(r * 0.7), (byte)(g * 0.7 + 255 * 0.3));
            (pixels[4 * i], pixels[4 * i + 1], pixels[4 * i + 2], pixels[4 * i + 3]) = (r, g, b, 255);
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, source.GetPixels(), pixels.Length);

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Scale((float)scale);
        using (var image = SKImage.FromBitmap(source)) canvas.DrawImage(image, 0, 0);
        using var outline = new SKPaint { Color = new SKColor(20, 60, 230), Style = SKPaintStyle.Stroke, StrokeWidth = (float)(1 / scale), IsAntialias = false };
        var side = (float)(plan.Side0 / mask.Downsample);
        foreach (var t in plan.Tiles)
            canvas.DrawRect((float)(t.X / mask.Downsample), (float)(t.Y / mask.Downsample), side, side, outline);
        canvas.Flush();
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.WriteAllBytes(path, png.AsSpan());
    }
}
