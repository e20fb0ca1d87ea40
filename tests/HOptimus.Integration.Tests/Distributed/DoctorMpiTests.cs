using HOptimus.Integration.Tests.Support;

namespace HOptimus.Integration.Tests.Distributed;

/// <summary>
/// The project's MPI communicator across real Slurm tasks: the published `hopt doctor --mpi` under
/// `srun --mpi=pmi2` on the local cluster, exactly as a training job launches its ranks.
/// </summary>
[TestFixture, NonParallelizable]
public class DoctorMpiTests
{
    private string _hopt = "";
    private string _dir = "";

    [SetUp]
    public void Setup()
    {
        LocalSlurm.RequireCluster();
        _hopt = Repo.Published("hopt");
        _dir = Repo.NewRunDirectory("doctor");
    }

    private (SacctRow Row, string Output) RunJob(string srunLine)
    {
        var output = Path.Combine(_dir, "out.txt");
        var id = LocalSlurm.Submit("-n", "2", "-t", "00:05:00", "-o", output, "--wrap", srunLine);
        var row = LocalSlurm.WaitForEnd(id, TimeSpan.FromMinutes(3)).Single();
        return (row, File.Exists(output) ? File.ReadAllText(output) : "(no output)");
    }

    [Test]
    public void Two_srun_ranks_all_reduce_through_the_communicator_and_get_the_exact_sum()
    {
        var (row, output) = RunJob($"srun --mpi=pmi2 -n 2 '{_hopt}' doctor --mpi");
        Assert.That(row.State, Is.EqualTo("COMPLETED"), output);
        Assert.That(output, Does.Contain("doctor: rank 0 of 2, all-reduce of 1048576 floats exact"));
        Assert.That(output, Does.Contain("doctor: rank 1 of 2, all-reduce of 1048576 floats exact"));
        Assert.That(output, Does.Contain("doctor: all-reduce OK on 2 ranks"));
        Assert.That(output, Does.Contain("MPI library libmpich.so.12"));
    }

    [Test]
    public void Ranks_launched_without_pmi2_see_a_world_of_one_and_fail_with_a_clear_error()
    {
        var (row, output) = RunJob($"srun --mpi=none -n 2 '{_hopt}' doctor --mpi");
        Assert.That(row.State, Is.EqualTo("FAILED"), output);
        Assert.That(row.ExitCode, Is.EqualTo("2:0"), output);
        Assert.That(output, Does.Contain("MPI world size is 1 but SLURM_NTASKS=2"));
        Assert.That(output, Does.Not.Contain("all-reduce of"));
        Assert.That(output, Does.Not.Contain("   at "), "a message, not a stack trace");
    }

    [Test]
    public void A_dead_rank_makes_the_other_abort_after_the_collective_timeout_instead_of_hanging()
    {
        var (row, output) = RunJob(
            $"srun --mpi=pmi2 -n 2 '{_hopt}' doctor --mpi --dead-rank 1 --set Distributed:CollectiveTimeoutSeconds=3");
        Assert.That(row.State, Is.EqualTo("FAILED"), output);
        Assert.That(output, Does.Contain("task 1: Exited with exit code 9"), "srun names the dead rank");
        Assert.That(output, Does.Contain("rank 0: AllReduceSum(1048576 x Float32) did not complete within 3 s"));
        Assert.That(output, Does.Not.Contain("all-reduce OK"));
    }
}
