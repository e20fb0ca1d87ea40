namespace HOptimus.Training.Data;

/// <summary>
/// The one global stream of samples every rank agrees on: position p is tile Perm_e(p mod N) of epoch
/// e = p / N, the epoch's permutation spanning all shards. Step s consumes positions
/// [s x G, (s + 1) x G) of a global batch G; rank r of W takes the disjoint share
/// [s x G + r x G/W, s x G + (r + 1) x G/W). The cursor saved in a checkpoint is the step.
/// </summary>
public sealed class SampleOrder(long tileCount, long seed, int globalBatch, int rank, int worldSize)
{
    // One reference swapped atomically: worker threads read it concurrently, and building a
    // permutation is cheap, so a race only builds the same one twice.
    private sealed record Cached(long Epoch, EpochPermutation Permutation);
    private Cached? _cached;

    public long TileCount { get; } = tileCount;
    public int GlobalBatch { get; } = globalBatch;
    public int PerRankBatch { get; } = CheckedShare(globalBatch, worldSize);
    public int Rank { get; } = rank;
    public int WorldSize { get; } = worldSize;

    /// <summary>Global position of the first sample this rank takes at <paramref name="step"/>.</summary>
    public long FirstPosition(long step) => step * GlobalBatch + (long)Rank * PerRankBatch;

    public long EpochOf(long position) => position / TileCount;

    /// <summary>The tile (global index over all shards) at a global position.</summary>
    public long TileAt(long position)
    {
        var epoch = position / TileCount;
        var cached = _cached;
        if (cached is null || cached.Epoch != epoch)
            _cached = cached = new Cached(epoch, new EpochPermutation(TileCount, seed, epoch));
        return cached.Permutation[position % TileCount];
    }

    private static int CheckedShare(int globalBatch, int worldSize)
    {
        if (worldSize <= 0) throw new ArgumentOutOfRangeException(nameof(worldSize));
        if (globalBatch % worldSize != 0)
            throw Core.HoptException.Usage($"Train:Data:GlobalBatchSize: {globalBatch} is not divisible by the world size {worldSize}");
        return globalBatch / worldSize;
    }
}
