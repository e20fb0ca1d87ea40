using HOptimus.Core;
using HOptimus.Distributed;
using HOptimus.Distributed.Mpi;
using HOptimus.Distributed.Nccl;

namespace HOptimus.Cli.Doctor;

/// <summary>
/// Runs `hopt doctor`. Every rank prints one line (rank, world, library) so a job log shows each
/// rank's view; with --mpi (host memory) or --nccl (GPU memory) a buffer is all-reduced through the
/// project's communicator and checked element by element against the sum the ranks must produce.
/// A wrong sum or a world-size mismatch is a non-zero exit.
/// </summary>
public static class DoctorCommand
{
    public static int Run(DoctorOptions o)
    {
        if (o.Count < 1) throw HoptException.Usage($"--count: must be >= 1, got {o.Count}");
        if (o.Mpi && o.Nccl) throw HoptException.Usage("--mpi and --nccl: choose one");
        var options = ConfigLoader.Load<DistributedOptions>(o.ConfigFiles, o.Overrides, "Distributed");
        if (o.MpiLibrary is not null) options = options with { MpiLibrary = o.MpiLibrary };
        if (o.Mpi || o.Nccl) options = options with { Backend = o.Nccl ? CommunicatorBackend.Nccl : CommunicatorBackend.Mpi };
        var slurm = SlurmEnvironment.FromEnvironment();
        if (o.PrintConfig)
        {
            Console.WriteLine(Json.Serialize(options));
            return ExitCodes.Done;
        }
        var backend = CommunicatorFactory.Resolve(options.Backend, slurm, Environment.GetEnvironmentVariable);
        Console.WriteLine($"doctor: job {slurm.JobId ?? "none"}, SLURM_NTASKS={slurm.Tasks?.ToString() ?? "unset"}, " +
                          $"SLURM_PROCID={slurm.Rank}, node {slurm.NodeName ?? Environment.MachineName}, backend {backend}, " +
                          $"MPI library {options.ResolvedMpiLibrary}");
        if (o.DryRun || !(o.Mpi || o.Nccl)) return ExitCodes.Done;

        using var mpi = MpiCommunicator.Create(options, slurm);
        if (o.DeadRank == mpi.Rank)
        {
            Console.WriteLine($"doctor: rank {mpi.Rank} exits now, as asked (--dead-rank)");
            Environment.Exit(9);
        }
        if (!o.Nccl) return Check(mpi, o.Count, mpi.LibraryVersion, buffer => mpi.AllReduceSum<float>(buffer));
        var api = new NcclLibraryApi(options);
        using var nccl = NcclCommunicator.Create(api, mpi, slurm.LocalRank, options.CollectiveTimeout, ownsBootstrap: false);
        return Check(mpi, o.Count, $"NCCL on GPU {nccl.Device}", buffer => new DeviceAllReduce(api, nccl).Run(buffer));
    }

    private static int Check(ICommunicator host, int count, string via, Action<float[]> allReduce)
    {
        var (r, n) = (host.Rank, host.Size);
        // (i % 4096) * (r + 1) keeps every partial sum an integer below 2^24, so fp32 sums are exact.
        var buffer = new float[count];
        for (var i = 0; i < count; i++) buffer[i] = i % 4096 * (r + 1);
        allReduce(buffer);
        var factor = n * (n + 1) / 2;
        var wrong = Enumerable.Range(0, count).FirstOrDefault(i => buffer[i] != i % 4096 * factor, -1);
        var status = wrong < 0
            ? $"all-reduce of {count} floats exact"
            : $"all-reduce MISMATCH at [{wrong}]: got {buffer[wrong]}, expected {wrong % 4096 * factor}";
        Console.WriteLine($"doctor: rank {r} of {n}, {status} ({via})");
        // Agree on the outcome over the host communicator so every rank exits with the same code.
        var failures = host.AllReduceSum(wrong < 0 ? 0 : 1);
        if (r == 0) Console.WriteLine(failures == 0 ? $"doctor: all-reduce OK on {n} ranks" : $"doctor: all-reduce FAILED on {failures} of {n} ranks");
        return failures == 0 ? ExitCodes.Done : ExitCodes.Failed;
    }
}
