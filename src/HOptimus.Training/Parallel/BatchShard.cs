using HOptimus.Core;

namespace HOptimus.Training.Parallel;

/// <summary>
/// Rank r's share of a global batch: samples [r*B, (r+1)*B) of the batch's deterministic order, with
/// B = global / world. Equal shares keep the mean of per-rank means equal to the global mean.
/// </summary>
public static class BatchShard
{
    public static (int Start, int Count) Of(int globalBatch, int rank, int worldSize)
    {
        if (worldSize < 1 || rank < 0 || rank >= worldSize)
            throw new ArgumentOutOfRangeException(nameof(rank), $"rank {rank} of world {worldSize}");
        if (globalBatch % worldSize != 0)
            throw HoptException.Usage($"global batch {globalBatch} is not divisible by the world size {worldSize}: " +
                                      $"use a multiple of {worldSize} (e.g. {worldSize * Math.Max(1, globalBatch / worldSize)})");
        var per = globalBatch / worldSize;
        return (rank * per, per);
    }
}
