using System.Diagnostics;
using HOptimus.Core;

namespace HOptimus.Distributed.Tests.Mpi;

/// <summary>The MPI communicator on real MPICH, 2 and 3 ranks launched by mpirun.mpich (the probe is MpiProbe/).</summary>
[TestFixture]
public class MpiCommunicatorTests
{
    [SetUp]
    public void RequireMpich() => MpiLauncher.RequireMpich();

    [TestCase(2)]
    [TestCase(3)]
    public void Every_collective_gives_the_exact_result_on_every_rank(int ranks)
    {
        var (code, output) = MpiLauncher.Run(ranks, ["collectives"], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(0), output);
        for (var r = 0; r < ranks; r++)
        {
            Assert.That(output, Does.Contain($"probe: rank {r} of {ranks} on libmpich.so.12"));
            Assert.That(output, Does.Contain($"probe: rank {r} all collectives exact"));
        }
    }

    [Test]
    public void NCCL_bootstrap_carries_rank_0s_unique_id_over_real_MPI()
    {
        var (code, output) = MpiLauncher.Run(3, ["nccl-bootstrap"], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(0), output);
        for (var r = 0; r < 3; r++) Assert.That(output, Does.Contain($"probe: rank {r} nccl bootstrap id matches rank 0, sum 6"));
    }

    [Test]
    public void A_hung_rank_makes_the_others_abort_the_job_after_the_collective_timeout()
    {
        var clock = Stopwatch.StartNew();
        var (code, output) = MpiLauncher.Run(2, ["rank-hangs", "2"], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(ExitCodes.Failed), output);
        Assert.That(output, Does.Contain("rank 0: AllReduceSum(16 x Float32) did not complete within 2 s"));
        Assert.That(output, Does.Not.Contain("returned from an all-reduce"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the job must end soon after the 2 s timeout");
    }

    [Test]
    public void A_rank_that_aborts_ends_the_peers_blocked_in_a_collective_with_its_exit_code()
    {
        var (code, output) = MpiLauncher.Run(2, ["rank-aborts", "0"], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(3), output);
        Assert.That(output, Does.Contain("hopt: rank 1 aborts the job (exit 3): probe: rank 1 hit a fatal error"));
        Assert.That(output, Does.Not.Contain("returned from an all-reduce"));
    }

    [Test]
    public void World_of_one_under_SLURM_NTASKS_2_is_a_clear_usage_error()
    {
        var (code, output) = MpiLauncher.Run(0, ["init"], TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["SLURM_NTASKS"] = "2", ["SLURM_JOB_ID"] = "1" });
        Assert.That(code, Is.EqualTo(ExitCodes.Usage), output);
        Assert.That(output, Does.Contain("MPI world size is 1 but SLURM_NTASKS=2"));
        Assert.That(output, Does.Contain("srun --mpi=pmi2"));
        Assert.That(output, Does.Not.Contain("   at "), "a message, not a stack trace");
    }

    [Test]
    public void Matching_world_and_SLURM_NTASKS_starts()
    {
        var (code, output) = MpiLauncher.Run(2, ["init"], TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["SLURM_NTASKS"] = "2", ["SLURM_JOB_ID"] = "1" });
        Assert.That(code, Is.EqualTo(0), output);
    }

    [Test]
    public void A_library_that_is_not_there_is_named_in_the_error()
    {
        var (code, output) = MpiLauncher.Run(0, ["init"], TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { [DistributedOptions.MpiLibraryVariable] = "libnot-an-mpi.so.12" });
        Assert.That(code, Is.EqualTo(ExitCodes.Usage), output);
        Assert.That(output, Does.Contain("cannot load 'libnot-an-mpi.so.12'"));
        Assert.That(output, Does.Contain("MPICH-ABI"));
    }
}
