namespace HOptimus.Distributed;

/// <summary>Which communicator a process uses.</summary>
public enum CommunicatorBackend
{
    /// <summary>MPI when the process was launched as one of several ranks, otherwise Single.</summary>
    Auto,
    /// <summary>One rank, no library: collectives are identities.</summary>
    Single,
    /// <summary>MPI.NET over an MPICH-ABI library; host buffers.</summary>
    Mpi,
    /// <summary>NCCL on device buffers, bootstrapped over MPI.</summary>
    Nccl,
}
