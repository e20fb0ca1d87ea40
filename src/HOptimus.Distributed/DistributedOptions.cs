using HOptimus.Core;

namespace HOptimus.Distributed;

/// <summary>How ranks find each other and talk. Config section "Distributed".</summary>
public sealed record DistributedOptions : IValidatable
{
    public const string DefaultMpiLibrary = "libmpich.so.12";
    /// <summary>Environment variable that overrides the default MPI library (e.g. libmpi.so.12 for Intel MPI).</summary>
    public const string MpiLibraryVariable = "HOPT_MPI_LIBRARY";

    /// <summary>auto | single | mpi | nccl. Default auto: MPI when launched as several ranks, else single.</summary>
    public CommunicatorBackend Backend { get; init; } = CommunicatorBackend.Auto;

    /// <summary>
    /// MPICH-ABI library, a soname or a path (MPICH libmpich.so.12; Intel MPI, Cray MPICH, MVAPICH
    /// libmpi.so.12). Default: $HOPT_MPI_LIBRARY, else libmpich.so.12. Open MPI is not ABI-compatible.
    /// </summary>
    public string? MpiLibrary { get; init; }

    /// <summary>NCCL library (nccl backend only). Default libnccl.so.2.</summary>
    public string NcclLibrary { get; init; } = "libnccl.so.2";

    /// <summary>CUDA runtime used to pick the device and wait on the stream (nccl only). Default libcudart.so.12.</summary>
    public string CudaRuntimeLibrary { get; init; } = "libcudart.so.12";

    /// <summary>
    /// Seconds a collective may wait for the slowest rank before the whole job is aborted, so a dead
    /// rank never hangs the others until the wall clock. 0 disables. Default 600: rank 0 may write a
    /// multi-GB checkpoint while the others wait at the next collective.
    /// </summary>
    public double CollectiveTimeoutSeconds { get; init; } = 600;

    /// <summary>Fail at start-up when the MPI world size differs from SLURM_NTASKS. Default true.</summary>
    public bool CheckSlurmTasks { get; init; } = true;

    /// <summary>The MPI library actually used: the option, else $HOPT_MPI_LIBRARY, else libmpich.so.12.</summary>
    public string ResolvedMpiLibrary =>
        !string.IsNullOrWhiteSpace(MpiLibrary) ? MpiLibrary
        : Environment.GetEnvironmentVariable(MpiLibraryVariable) is { Length: > 0 } fromEnv ? fromEnv
        : DefaultMpiLibrary;

    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan? CollectiveTimeout =>
        CollectiveTimeoutSeconds > 0 ? TimeSpan.FromSeconds(CollectiveTimeoutSeconds) : null;

    public IEnumerable<string> Validate()
    {
        if (CollectiveTimeoutSeconds < 0)
            yield return $"Distributed:CollectiveTimeoutSeconds: must be >= 0 (0 disables), got {CollectiveTimeoutSeconds}";
        if (MpiLibrary is { } lib && string.IsNullOrWhiteSpace(lib))
            yield return "Distributed:MpiLibrary: must not be blank (omit it for the default libmpich.so.12)";
        if (string.IsNullOrWhiteSpace(NcclLibrary))
            yield return "Distributed:NcclLibrary: must not be blank (default libnccl.so.2)";
        if (string.IsNullOrWhiteSpace(CudaRuntimeLibrary))
            yield return "Distributed:CudaRuntimeLibrary: must not be blank (default libcudart.so.12)";
    }
}
