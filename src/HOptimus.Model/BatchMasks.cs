// Shapes: B images (global crops), P patches per image.
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// DINOv2's collate_data_and_masks, the masking half: a fraction of the global crops get a block mask whose
/// ratio is spread evenly over [ratioMin, ratioMax] (each masked image draws from its own slice of that
/// range), the rest get none, and the order is shuffled.
/// </summary>
public static class BatchMasks
{
    /// <param name="images">global crops in the batch (B).</param>
    /// <param name="generator">grid-shaped generator (DINOv2: max half the grid).</param>
    /// <param name="probability">fraction of crops that are masked (DINOv2: 0.5).</param>
    /// <param name="ratioMin">smallest masked fraction of a masked crop (DINOv2: 0.1).</param>
    /// <param name="ratioMax">largest masked fraction (DINOv2: 0.5).</param>
    /// <returns>bool [B, P], true = masked, row-major patches.</returns>
    public static Tensor Generate(int images, MaskingGenerator generator, double probability, double ratioMin,
        double ratioMax, Random random)
    {
        int patches = generator.Height * generator.Width;
        int maskedImages = (int)(images * probability);
        var masks = new List<bool[,]>(images);
        for (int i = 0; i < maskedImages; i++)
        {
            double lo = ratioMin + (ratioMax - ratioMin) * i / (maskedImages + 0.0);
            double hi = ratioMin + (ratioMax - ratioMin) * (i + 1) / (maskedImages + 0.0);
            masks.Add(generator.Generate((int)(patches * (lo + (hi - lo) * random.NextDouble())), random));
        }
        for (int i = maskedImages; i < images; i++) masks.Add(new bool[generator.Height, generator.Width]);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(masks));
        var flat = new bool[images * patches];
        for (int b = 0; b < images; b++)
            for (int p = 0; p < patches; p++)
                flat[b * patches + p] = masks[b][p / generator.Width, p % generator.Width];
        return tensor(flat, [images, patches]);
    }
}
