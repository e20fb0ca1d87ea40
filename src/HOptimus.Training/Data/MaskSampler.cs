using HOptimus.Training.Options;

namespace HOptimus.Training.Data;

/// <summary>
/// iBOT masks of the global crops: each crop is masked with probability p, a ratio r drawn uniformly in
/// [min, max], and floor(r x P) patches covered by random rectangles (BEiT/DINOv2 MaskingGenerator:
/// area >= 4 patches, aspect in [0.3, 1/0.3], at most half the grid). Drawn from the stream of
/// (seed, sample position, crop) so a sample's masks do not depend on the batch it lands in.
/// </summary>
public sealed class MaskSampler(MaskOptions options, int gridSize, int globalCrops, long seed, bool enabled)
{
    private const ulong MaskStream = 0x4D41534B; // "MASK"
    private const int MinBlockPatches = 4;
    private const double MinAspect = 0.3;

    public int Patches { get; } = gridSize * gridSize;

    /// <summary>Writes every global crop's mask of sample <paramref name="index"/> (all entries, so pooled buffers need no clearing).</summary>
    public void Fill(long position, bool[] masks, int index, int batch)
    {
        for (var k = 0; k < globalCrops; k++)
        {
            var mask = masks.AsSpan((k * batch + index) * Patches, Patches);
            mask.Clear();
            if (!enabled) continue;
            var rng = SplitMix64.For(seed, MaskStream + (ulong)k, position);
            if (!rng.Bernoulli(options.SampleProbability)) continue;
            var target = (int)(Patches * rng.Uniform(options.RatioMin, options.RatioMax));
            Blocks(mask, target, ref rng);
        }
    }

    private void Blocks(Span<bool> mask, int target, ref SplitMix64 rng)
    {
        var maxPerBlock = (int)(0.5 * Patches);
        var count = 0;
        while (count < target)
        {
            var delta = Block(mask, Math.Min(target - count, maxPerBlock), ref rng);
            if (delta == 0) break;
            count += delta;
        }
    }

    private int Block(Span<bool> mask, int maxPatches, ref SplitMix64 rng)
    {
        var logMin = Math.Log(MinAspect);
        var logMax = Math.Log(1 / MinAspect);
        var delta = 0;
        for (var attempt = 0; attempt < 10 && delta == 0; attempt++)
        {
            var area = rng.Uniform(MinBlockPatches, maxPatches);
            var aspect = Math.Exp(rng.Uniform(logMin, logMax));
            var h = (int)Math.Round(Math.Sqrt(area * aspect));
            var w = (int)Math.Round(Math.Sqrt(area / aspect));
            if (w >= gridSize || h >= gridSize) continue;
            var top = rng.NextInt(gridSize - h + 1);
            var left = rng.NextInt(gridSize - w + 1);
            var already = 0;
            for (var i = top; i < top + h; i++)
                for (var j = left; j < left + w; j++)
                    if (mask[i * gridSize + j]) already++;
            var added = h * w - already;
            if (added <= 0 || added > maxPatches) continue;
            for (var i = top; i < top + h; i++)
                for (var j = left; j < left + w; j++)
                    mask[i * gridSize + j] = true;
            delta = added;
        }
        return delta;
    }
}
