namespace HOptimus.Distributed.Tests;

[TestFixture]
public class CollectiveWatchdogTests
{
    [Test]
    public void A_collective_past_the_timeout_fires_once_with_rank_and_operation()
    {
        var messages = new List<string>();
        using var watchdog = new CollectiveWatchdog(TimeSpan.FromMilliseconds(100), rank: 3, m => { lock (messages) messages.Add(m); });
        using (watchdog.Enter("AllReduceSum(8 x Float32)")) Thread.Sleep(600);
        Thread.Sleep(300);
        lock (messages)
        {
            Assert.That(messages, Has.Count.EqualTo(1));
            Assert.That(messages[0], Does.StartWith("rank 3: AllReduceSum(8 x Float32) did not complete within 0.1 s"));
        }
    }

    [Test]
    public void Collectives_that_return_in_time_never_fire()
    {
        var fired = 0;
        using var watchdog = new CollectiveWatchdog(TimeSpan.FromMilliseconds(200), rank: 0, _ => Interlocked.Increment(ref fired));
        for (var i = 0; i < 10; i++)
        {
            using (watchdog.Enter("Barrier")) Thread.Sleep(20);
            Thread.Sleep(60); // idle time between collectives does not count
        }
        Assert.That(fired, Is.Zero);
    }
}
