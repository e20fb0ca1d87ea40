using HOptimus.Distributed.InProcess;
using HOptimus.Distributed.Tests.MpiProbe;

namespace HOptimus.Distributed.Tests.InProcess;

[TestFixture]
public class InProcessCommunicatorTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Runs_the_same_collective_checks_as_the_MPI_probe(int ranks)
    {
        using var group = new InProcessGroup(ranks, TimeSpan.FromSeconds(30));
        var codes = new int[ranks];
        group.Run(c => codes[c.Rank] = ProbeScenarios.Collectives(c));
        Assert.That(codes, Is.All.EqualTo(0));
    }

    [Test]
    public void Every_rank_gets_bit_identical_float_sums()
    {
        using var group = new InProcessGroup(3);
        var results = new float[3][];
        group.Run(c =>
        {
            // Values whose sum depends on the order of addition in fp32.
            float[] v = [1e8f * (c.Rank == 0 ? 1 : -1), 1f + c.Rank, 0.1f * (c.Rank + 1)];
            c.AllReduceSum<float>(v);
            results[c.Rank] = v;
        });
        Assert.That(results[1], Is.EqualTo(results[0]));
        Assert.That(results[2], Is.EqualTo(results[0]));
    }

    [Test]
    public void A_rank_that_never_arrives_times_out_the_others()
    {
        using var group = new InProcessGroup(2, TimeSpan.FromMilliseconds(300));
        var e = Assert.Throws<CommunicatorAbortedException>(() => group.Run(c =>
        {
            if (c.Rank == 0) c.AllReduceSum<float>(new float[4]);
        }));
        Assert.That(e!.Message, Does.Contain("rank 0: AllReduceSum did not complete within 0.3 s"));
    }

    [Test]
    public void Abort_on_one_rank_ends_the_peers_collective_with_the_reason_and_exit_code()
    {
        using var group = new InProcessGroup(2, TimeSpan.FromSeconds(30));
        CommunicatorAbortedException? seen = null;
        Assert.Throws<CommunicatorAbortedException>(() => group.Run(c =>
        {
            if (c.Rank == 1) { c.Abort("disk full", 3); return; }
            try { c.Barrier(); }
            catch (CommunicatorAbortedException e) { seen = e; throw; }
        }));
        Assert.That(seen, Is.Not.Null);
        Assert.That(seen!.Message, Does.Contain("rank 1 aborted: disk full"));
        Assert.That(seen.ExitCode, Is.EqualTo(3));
    }

    [Test]
    public void A_rank_that_throws_aborts_the_group_and_its_exception_is_the_one_reported()
    {
        using var group = new InProcessGroup(2, TimeSpan.FromSeconds(30));
        var e = Assert.Throws<InvalidOperationException>(() => group.Run(c =>
        {
            if (c.Rank == 1) throw new InvalidOperationException("bad batch");
            c.Barrier();
        }));
        Assert.That(e!.Message, Is.EqualTo("bad batch"));
    }

    [Test]
    public void RankFailure_turns_one_ranks_exception_into_an_abort_the_peers_see_with_its_message_and_code()
    {
        using var group = new InProcessGroup(2, TimeSpan.FromSeconds(30));
        var peer = new Exception?[2];
        Assert.Throws<Core.HoptException>(() => group.Run(c =>
        {
            try
            {
                RankFailure.Run(c, () =>
                {
                    if (c.Rank == 1) throw Core.HoptException.BadInput("shard-00001.h5: truncated");
                    c.Barrier();
                    return 0;
                });
            }
            catch (Exception e) { peer[c.Rank] = e; throw; }
        }));
        Assert.That(peer[0], Is.InstanceOf<CommunicatorAbortedException>());
        Assert.That(peer[0]!.Message, Does.Contain("rank 1 aborted: shard-00001.h5: truncated"));
        Assert.That(((CommunicatorAbortedException)peer[0]!).ExitCode, Is.EqualTo(Core.ExitCodes.BadInput));
    }
}
