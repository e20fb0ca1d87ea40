namespace HOptimus.Training.Data;

/// <summary>
/// One rank's share of one step, decoded and augmented, crop-major as DINOv2's collate stacks it:
/// Global [GlobalCount x Batch, 3, S, S], Local [LocalCount x Batch, 3, s, s], Masks [GlobalCount x Batch, P]
/// (true = masked patch). Dispose returns the buffers to the loader's pool.
/// </summary>
public sealed class CropBatch(long step, int batch, float[] global, float[] local, bool[] masks, Action<CropBatch> release) : IDisposable
{
    private int _released;

    public long Step { get; } = step;
    /// <summary>Samples of this rank in this step.</summary>
    public int Batch { get; } = batch;
    public float[] Global { get; } = global;
    public float[] Local { get; } = local;
    public bool[] Masks { get; } = masks;
    /// <summary>Seconds the trainer waited for this batch (0 when it was already prefetched).</summary>
    public double WaitSeconds { get; internal set; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) release(this);
    }
}
