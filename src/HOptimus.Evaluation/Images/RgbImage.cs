namespace HOptimus.Evaluation.Images;

/// <summary>Decoded pixels: row-major RGB, 3 bytes per pixel, no alpha.</summary>
public sealed record RgbImage(int Width, int Height, byte[] Pixels)
{
    public static RgbImage Create(int width, int height, byte[] pixels) =>
        pixels.Length == width * height * 3
            ? new RgbImage(width, height, pixels)
            : throw new ArgumentException($"{pixels.Length} bytes do not make a {width}x{height} RGB image");
}
