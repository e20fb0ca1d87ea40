namespace HOptimus.Slides;

/// <summary>OpenSlide's premultiplied ARGB (one uint32 per pixel, native endian) to packed RGB.</summary>
public static class PixelConversion
{
    public static void PremultipliedArgbToRgb(ReadOnlySpan<uint> argb, Span<byte> rgb)
    {
        for (var i = 0; i < argb.Length; i++)
        {
            var p = argb[i];
            var a = p >> 24;
            var o = 3 * i;
            if (a == 255)
            {
                rgb[o] = (byte)(p >> 16);
                rgb[o + 1] = (byte)(p >> 8);
                rgb[o + 2] = (byte)p;
            }
            else if (a == 0)
            {
                // Outside the scanned area: glass, i.e. white, so it reads as background.
                rgb[o] = rgb[o + 1] = rgb[o + 2] = 255;
            }
            else
            {
                rgb[o] = (byte)Math.Min(255, ((p >> 16) & 0xFF) * 255 / a);
                rgb[o + 1] = (byte)Math.Min(255, ((p >> 8) & 0xFF) * 255 / a);
                rgb[o + 2] = (byte)Math.Min(255, (p & 0xFF) * 255 / a);
            }
        }
    }
}
