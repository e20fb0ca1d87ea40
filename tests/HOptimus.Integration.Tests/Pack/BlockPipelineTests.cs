using System.Collections.Concurrent;
using HOptimus.Pack;
using HOptimus.Slides;

namespace HOptimus.Integration.Tests.Pack;

/// <summary>The ordered hand-off between hopt-pack's reader threads and its shard writer.</summary>
public class BlockPipelineTests
{
    private static void Produce(int i, EncodedBlock block)
    {
        Thread.Sleep(Random.Shared.Next(3)); // uneven blocks finish out of order
        block.Add(new GridTile(i, 0, i, 0), BitConverter.GetBytes(i));
    }

    [Test]
    public void Blocks_reach_the_consumer_in_plan_order_whatever_finishes_first([Values(1, 3)] int threads)
    {
        var spare = new ConcurrentBag<EncodedBlock>();
        var seen = new List<int>();
        new BlockPipeline(threads, spare).Run(200, Produce, b => seen.Add(BitConverter.ToInt32(b.Bytes(0))), CancellationToken.None);
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 200)));
        Assert.That(spare.Count, Is.InRange(1, BlockPipeline.BlocksAheadPerThread * threads), "buffers come back for reuse, no more than the window");
    }

    [Test]
    public void The_first_failing_block_in_plan_order_is_thrown_and_no_later_block_is_consumed()
    {
        var seen = new List<int>();
        var e = Assert.Throws<InvalidDataException>(() => new BlockPipeline(2, []).Run(100, (i, b) =>
        {
            if (i is 40 or 70) throw new InvalidDataException($"block {i} unreadable");
            Produce(i, b);
        }, b => seen.Add(BitConverter.ToInt32(b.Bytes(0))), CancellationToken.None));
        Assert.That(e!.Message, Is.EqualTo("block 40 unreadable"));
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 40)));
    }

    [Test]
    public void Cancellation_stops_the_workers_and_is_thrown()
    {
        using var cancel = new CancellationTokenSource();
        var produced = 0;
        Assert.That(() => new BlockPipeline(2, []).Run(10_000, (i, b) =>
        {
            Interlocked.Increment(ref produced);
            Produce(i, b);
        }, b =>
        {
            if (BitConverter.ToInt32(b.Bytes(0)) == 20) cancel.Cancel();
        }, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
        var atReturn = Volatile.Read(ref produced);
        Thread.Sleep(50);
        Assert.That(Volatile.Read(ref produced), Is.EqualTo(atReturn), "no worker runs after Run returns");
        Assert.That(atReturn, Is.LessThan(20 + BlockPipeline.BlocksAheadPerThread * 2 + 2), "workers stay within the window of the consumer");
    }
}
