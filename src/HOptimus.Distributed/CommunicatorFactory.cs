using HOptimus.Core;
using HOptimus.Distributed.Mpi;
using HOptimus.Distributed.Nccl;
using Serilog;

namespace HOptimus.Distributed;

/// <summary>Creates this process's communicator from the options and the Slurm environment.</summary>
public static class CommunicatorFactory
{
    public static ICommunicator Create(DistributedOptions options, SlurmEnvironment slurm, ILogger? log = null)
    {
        var backend = Resolve(options.Backend, slurm, Environment.GetEnvironmentVariable);
        switch (backend)
        {
            case CommunicatorBackend.Single:
                if (options.CheckSlurmTasks) WorldSizeCheck.Verify(1, slurm, "none (Distributed:Backend=single)");
                return new SingleCommunicator();
            case CommunicatorBackend.Mpi:
                return MpiCommunicator.Create(options, slurm, log);
            case CommunicatorBackend.Nccl:
                var mpi = MpiCommunicator.Create(options, slurm, log);
                try
                {
                    return NcclCommunicator.Create(new NcclLibraryApi(options), mpi, slurm.LocalRank, options.CollectiveTimeout, ownsBootstrap: true);
                }
                catch
                {
                    mpi.Dispose();
                    throw;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(options), backend, "unresolved backend");
        }
    }

    /// <summary>Ranks on threads of this process, for unit tests: see <see cref="InProcess.InProcessGroup"/>.</summary>
    public static InProcess.InProcessGroup InProcess(int size, TimeSpan? timeout = null) => new(size, timeout);

    /// <summary>Auto means MPI when launched as one of several ranks (srun, or mpirun's PMI_SIZE), else single.</summary>
    public static CommunicatorBackend Resolve(CommunicatorBackend backend, SlurmEnvironment slurm, Func<string, string?> env)
    {
        if (backend != CommunicatorBackend.Auto) return backend;
        var pmiSize = int.TryParse(env("PMI_SIZE"), out var n) ? n : 1;
        return slurm.Tasks > 1 || pmiSize > 1 ? CommunicatorBackend.Mpi : CommunicatorBackend.Single;
    }
}
