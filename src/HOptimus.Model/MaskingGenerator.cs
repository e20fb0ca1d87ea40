namespace HOptimus.Model;

/// <summary>
/// DINOv2's block-wise MaskingGenerator (dinov2/data/masking.py, from BEiT): masks rectangles of random
/// area and aspect ratio on a patch grid until about the asked number of patches are masked.
/// Deterministic for a given <see cref="Random"/>.
/// </summary>
public sealed class MaskingGenerator
{
    private readonly double logAspectMin, logAspectMax;

    public int Height { get; }
    public int Width { get; }
    /// <summary>Smallest rectangle, in patches (default 4).</summary>
    public int MinPatches { get; }
    /// <summary>Largest rectangle, in patches (DINOv2: half the grid).</summary>
    public int MaxPatches { get; }

    public MaskingGenerator(int height, int width, int? maxPatches = null, int minPatches = 4, double minAspect = 0.3,
        double? maxAspect = null)
    {
        Height = height;
        Width = width;
        MinPatches = minPatches;
        MaxPatches = maxPatches ?? height * width / 2;
        logAspectMin = Math.Log(minAspect);
        logAspectMax = Math.Log(maxAspect ?? 1 / minAspect);
    }

    /// <summary>A [Height, Width] mask with up to <paramref name="count"/> patches set (fewer if placing stalls).</summary>
    public bool[,] Generate(int count, Random random)
    {
        var mask = new bool[Height, Width];
        int masked = 0;
        while (masked < count)
        {
            int delta = PlaceRectangle(mask, Math.Min(count - masked, MaxPatches), random);
            if (delta == 0) break;
            masked += delta;
        }
        return mask;
    }

    private int PlaceRectangle(bool[,] mask, int maxPatches, Random random)
    {
        int delta = 0;
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double area = MinPatches + (maxPatches - MinPatches) * random.NextDouble();
            double aspect = Math.Exp(logAspectMin + (logAspectMax - logAspectMin) * random.NextDouble());
            int h = (int)Math.Round(Math.Sqrt(area * aspect), MidpointRounding.ToEven);
            int w = (int)Math.Round(Math.Sqrt(area / aspect), MidpointRounding.ToEven);
            if (w < Width && h < Height)
            {
                int top = random.Next(0, Height - h + 1), left = random.Next(0, Width - w + 1);
                int already = 0;
                for (int i = top; i < top + h; i++)
                    for (int j = left; j < left + w; j++)
                        if (mask[i, j]) already++;
                // Only rectangles that add something, and not more than allowed.
                if (h * w - already > 0 && h * w - already <= maxPatches)
                    for (int i = top; i < top + h; i++)
                        for (int j = left; j < left + w; j++)
                            if (!mask[i, j]) { mask[i, j] = true; delta++; }
                if (delta > 0) break;
            }
        }
        return delta;
    }
}
