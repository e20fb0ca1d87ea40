using HOptimus.Core;

namespace HOptimus.Distributed.Tests;

[TestFixture]
public class DistributedOptionsTests
{
    [Test]
    public void Defaults_are_valid_and_name_libmpich_unless_the_environment_says_otherwise()
    {
        var options = new DistributedOptions();
        Assert.That(options.Validate(), Is.Empty);
        var expected = Environment.GetEnvironmentVariable(DistributedOptions.MpiLibraryVariable) is { Length: > 0 } env ? env : "libmpich.so.12";
        Assert.That(options.ResolvedMpiLibrary, Is.EqualTo(expected));
        Assert.That((options with { MpiLibrary = "libmpi.so.12" }).ResolvedMpiLibrary, Is.EqualTo("libmpi.so.12"));
    }

    [Test]
    public void Every_bad_value_is_reported_by_key()
    {
        var bad = new DistributedOptions { CollectiveTimeoutSeconds = -1, MpiLibrary = " ", NcclLibrary = "" };
        var e = Assert.Throws<HoptException>(() => bad.Validated());
        Assert.That(e!.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(e.Message, Does.Contain("Distributed:CollectiveTimeoutSeconds").And.Contain("Distributed:MpiLibrary").And.Contain("Distributed:NcclLibrary"));
    }

    [Test]
    public void Zero_timeout_disables_the_watchdog() =>
        Assert.That(new DistributedOptions { CollectiveTimeoutSeconds = 0 }.CollectiveTimeout, Is.Null);

    [TestCase(null, null, CommunicatorBackend.Single)]
    [TestCase("1", null, CommunicatorBackend.Single)]
    [TestCase("2", null, CommunicatorBackend.Mpi)]
    [TestCase(null, "4", CommunicatorBackend.Mpi)]
    public void Auto_picks_MPI_only_when_launched_as_several_ranks(string? ntasks, string? pmiSize, CommunicatorBackend expected)
    {
        var slurm = SlurmEnvironment.From(k => k == "SLURM_NTASKS" ? ntasks : null);
        var resolved = CommunicatorFactory.Resolve(CommunicatorBackend.Auto, slurm, k => k == "PMI_SIZE" ? pmiSize : null);
        Assert.That(resolved, Is.EqualTo(expected));
    }

    [Test]
    public void Single_backend_under_two_Slurm_tasks_is_refused()
    {
        var slurm = SlurmEnvironment.From(k => k == "SLURM_NTASKS" ? "2" : null);
        var e = Assert.Throws<HoptException>(() => CommunicatorFactory.Create(new DistributedOptions { Backend = CommunicatorBackend.Single }, slurm));
        Assert.That(e!.Message, Does.Contain("world size is 1 but SLURM_NTASKS=2"));
    }

    [Test]
    public void Single_communicator_is_the_identity()
    {
        using var comm = CommunicatorFactory.Create(new DistributedOptions { Backend = CommunicatorBackend.Single }, SlurmEnvironment.From(_ => null));
        float[] v = [1.5f, -2f];
        comm.AllReduceSum<float>(v);
        var gathered = new float[2];
        comm.AllGather<float>(v, gathered);
        Assert.That((comm.Rank, comm.Size), Is.EqualTo((0, 1)));
        Assert.That(gathered, Is.EqualTo(new[] { 1.5f, -2f }));
    }
}
