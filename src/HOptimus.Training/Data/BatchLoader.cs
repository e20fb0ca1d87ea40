using System.Collections.Concurrent;
using System.Diagnostics;
using HOptimus.Core;
using HOptimus.Tiles;

namespace HOptimus.Training.Data;

/// <summary>
/// Decodes and augments this rank's share of each step on worker threads, a bounded number of steps
/// ahead of the trainer. Work items are single samples, so all workers help with the next batch;
/// batches come out strictly in step order. A worker's failure (a corrupt tile) surfaces in
/// <see cref="Next"/> as an error naming the shard and tile; nothing waits forever.
/// </summary>
public sealed class BatchLoader : IDisposable
{
    private readonly ShardSet _shards;
    private readonly SampleOrder _order;
    private readonly MultiCropAugmenter _augmenter;
    private readonly MaskSampler _masks;
    private readonly BlockingCollection<Slot> _ready;
    private readonly BlockingCollection<(Slot Slot, int Index)> _work = new();
    private readonly ConcurrentBag<(float[] Global, float[] Local, bool[] Masks)> _pool = new();
    private readonly SemaphoreSlim _buffers;
    private readonly CancellationTokenSource _cts = new();
    private readonly List<Thread> _threads = [];
    private readonly long _startStep;

    public BatchLoader(ShardSet shards, SampleOrder order, MultiCropAugmenter augmenter, MaskSampler masks,
                       long startStep, int workers, int prefetch)
    {
        (_shards, _order, _augmenter, _masks, _startStep) = (shards, order, augmenter, masks, startStep);
        _ready = new BlockingCollection<Slot>(prefetch);
        // prefetch batches queued + one being filled + one held by the trainer.
        _buffers = new SemaphoreSlim(prefetch + 2);
        _threads.Add(Start("loader-feed", Feed));
        for (var w = 0; w < workers; w++) _threads.Add(Start($"loader-{w}", Work));
    }

    /// <summary>The next step's batch, in order; blocks while it is being prepared.</summary>
    public CropBatch Next(CancellationToken cancel = default)
    {
        var wait = Stopwatch.StartNew();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, _cts.Token);
        Slot slot;
        try
        {
            slot = _ready.Take(linked.Token);
            slot.Done.Wait(linked.Token);
        }
        catch (InvalidOperationException) when (_feedError is not null)
        {
            throw _feedError;
        }
        if (slot.Error is not null)
        {
            Release(slot.Buffers);
            throw slot.Error;
        }
        var b = slot.Buffers;
        return new CropBatch(slot.Step, _order.PerRankBatch, b.Global, b.Local, b.Masks, batch => Release((batch.Global, batch.Local, batch.Masks)))
        {
            WaitSeconds = wait.Elapsed.TotalSeconds,
        };
    }

    private volatile Exception? _feedError;

    private void Feed()
    {
        try
        {
            for (var step = _startStep; ; step++)
            {
                _buffers.Wait(_cts.Token);
                var slot = new Slot(step, Rent(), _order.PerRankBatch);
                _ready.Add(slot, _cts.Token);
                for (var i = 0; i < _order.PerRankBatch; i++) _work.Add((slot, i), _cts.Token);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e)
        {
            _feedError = e;
            _ready.CompleteAdding();
        }
    }

    private void Work()
    {
        var readers = new Dictionary<int, TileShardReader>();
        try
        {
            foreach (var (slot, index) in _work.GetConsumingEnumerable(_cts.Token))
            {
                try
                {
                    if (slot.Error is null) Fill(slot, index, readers);
                }
                catch (Exception e)
                {
                    slot.Fail(e);
                }
                finally
                {
                    slot.Done.Signal();
                }
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            foreach (var r in readers.Values) r.Dispose();
        }
    }

    private void Fill(Slot slot, int index, Dictionary<int, TileShardReader> readers)
    {
        var position = _order.FirstPosition(slot.Step) + index;
        var (shard, tile) = _shards.Locate(_order.TileAt(position));
        byte[] rgb;
        try
        {
            if (!readers.TryGetValue(shard, out var reader)) readers[shard] = reader = ShardSet.OpenReader(_shards.Paths[shard]);
            rgb = reader.ReadRgb(tile);
        }
        catch (Exception e)
        {
            throw HoptException.BadInput($"{_shards.Paths[shard]}: tile {tile}: {e.Message}", e);
        }
        var b = slot.Buffers;
        _augmenter.Augment(rgb, _shards.PatchSize, position, b.Global, b.Local, index, _order.PerRankBatch);
        _masks.Fill(position, b.Masks, index, _order.PerRankBatch);
    }

    private (float[] Global, float[] Local, bool[] Masks) Rent()
    {
        if (_pool.TryTake(out var buffers)) return buffers;
        var n = _order.PerRankBatch;
        var crops = _augmenter.Crops;
        return (new float[crops.GlobalCount * n * _augmenter.GlobalPlane],
                new float[crops.LocalCount * n * _augmenter.LocalPlane],
                new bool[crops.GlobalCount * n * _masks.Patches]);
    }

    private void Release((float[] Global, float[] Local, bool[] Masks) buffers)
    {
        _pool.Add(buffers);
        _buffers.Release();
    }

    private static Thread Start(string name, Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }

    public void Dispose()
    {
        _cts.Cancel();
        foreach (var t in _threads) t.Join(TimeSpan.FromSeconds(10));
        _cts.Dispose();
    }

    private sealed class Slot(long step, (float[] Global, float[] Local, bool[] Masks) buffers, int samples)
    {
        public long Step { get; } = step;
        public (float[] Global, float[] Local, bool[] Masks) Buffers { get; } = buffers;
        public CountdownEvent Done { get; } = new(samples);
        public Exception? Error { get; private set; }

        public void Fail(Exception e)
        {
            lock (this) Error ??= e;
        }
    }
}
