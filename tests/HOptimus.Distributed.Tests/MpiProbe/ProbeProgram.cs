using HOptimus.Core;

namespace HOptimus.Distributed.Tests.MpiProbe;

/// <summary>
/// Entry point when the test assembly runs as an MPI rank (see the csproj). Each scenario prints
/// what it checked and exits non-zero on a wrong result, so the launching test can assert on both.
/// </summary>
public static class ProbeProgram
{
    public static int Main(string[] args) => EntryPoint.Guard("mpi-probe", () =>
    {
        var scenario = args.Length > 0 ? args[0] : "";
        var timeout = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60;
        var options = new DistributedOptions { Backend = CommunicatorBackend.Mpi, CollectiveTimeoutSeconds = timeout };
        using var comm = CommunicatorFactory.Create(options, SlurmEnvironment.FromEnvironment());
        return scenario switch
        {
            "collectives" => ProbeScenarios.Collectives(comm),
            "rank-hangs" => ProbeScenarios.RankHangs(comm),
            "rank-aborts" => ProbeScenarios.RankAborts(comm),
            "nccl-bootstrap" => ProbeScenarios.NcclBootstrap(comm),
            "init" => 0,
            _ => throw HoptException.Usage($"unknown probe scenario '{scenario}'"),
        };
    });
}
