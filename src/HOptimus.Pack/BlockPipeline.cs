using System.Collections.Concurrent;

namespace HOptimus.Pack;

/// <summary>
/// Reads and encodes a slide's blocks on worker threads and hands them to one consumer (the shard
/// writer) in plan order, so the shard's content does not depend on thread timing. Workers take the
/// next block as soon as they finish one, up to <see cref="BlocksAheadPerThread"/> × threads blocks
/// ahead of the consumer: blocks hold from 1 to BlockTiles² tissue tiles, rounds of one block per
/// thread left fast threads waiting for the slowest, and a window of 2 per thread still left one idle
/// behind a slow block (32k slide, 2 threads: ×1.51 over 1 thread at 2, ×1.72 at 4, ×1.73 at 32).
/// Block buffers are recycled through the spare bag.
/// </summary>
internal sealed class BlockPipeline(int threads, ConcurrentBag<EncodedBlock> spare)
{
    public const int BlocksAheadPerThread = 4;

    /// <param name="produce">Fills the block buffer with block <c>i</c>'s encoded tiles (on a worker).</param>
    /// <param name="consume">Takes the blocks in order (on the calling thread).</param>
    /// <exception cref="Exception">The first failure of a block, in plan order, or the cancellation.</exception>
    public void Run(int count, Action<int, EncodedBlock> produce, Action<EncodedBlock> consume, CancellationToken cancel)
    {
        var done = Enumerable.Range(0, count)
            .Select(_ => new TaskCompletionSource<EncodedBlock>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var window = new SemaphoreSlim(BlocksAheadPerThread * threads);
        var next = -1;
        var workers = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
        {
            while (true)
            {
                window.Wait(stop.Token); // a block index is only taken with a slot, so the consumer never waits on an unstarted block
                var i = Interlocked.Increment(ref next);
                if (i >= count) return;
                var block = Rent();
                try
                {
                    produce(i, block);
                    done[i].SetResult(block);
                }
                catch (Exception e)
                {
                    Recycle(block);
                    done[i].SetException(e);
                    return;
                }
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        var consumed = 0;
        try
        {
            for (; consumed < count; consumed++)
            {
                var block = done[consumed].Task.WaitAsync(stop.Token).GetAwaiter().GetResult();
                try
                {
                    consume(block);
                }
                finally
                {
                    Recycle(block);
                }
                window.Release();
            }
        }
        finally
        {
            // Workers read the slide and fill buffers until they stop: wait for them before the caller closes the slide.
            stop.Cancel();
            foreach (var w in workers) ((IAsyncResult)w).AsyncWaitHandle.WaitOne();
            for (var i = consumed + 1; i < count; i++)
                if (done[i].Task.IsCompletedSuccessfully) Recycle(done[i].Task.Result);
        }
    }

    private EncodedBlock Rent() => spare.TryTake(out var block) ? block : new EncodedBlock();

    private void Recycle(EncodedBlock block)
    {
        block.Clear();
        spare.Add(block);
    }
}
