using CommandLine;
using HOptimus.Core;

namespace HOptimus.Cli.Doctor;

/// <summary>`hopt doctor`: checks this node's view of the job; with --mpi, that the ranks really talk.</summary>
[Verb("doctor", HelpText = "Check the environment; with --mpi (under `srun --mpi=pmi2 -n N`) all-reduce a buffer across the ranks and verify the exact sum.")]
public sealed class DoctorOptions : CommonOptions
{
    [Option("mpi", HelpText = "All-reduce a buffer through the project's communicator on every rank and check the exact sum.")]
    public bool Mpi { get; set; }

    [Option("nccl", HelpText = "As --mpi, through NCCL on this rank's GPU (SLURM_LOCALID), bootstrapped over MPI. Needs libnccl.so.2 and the CUDA runtime.")]
    public bool Nccl { get; set; }

    /// <summary>Elements in the all-reduce buffer. Default 1 Mi floats (4 MiB), enough to cross MPICH's large-message path.</summary>
    [Option("count", Default = 1 << 20, HelpText = "Elements (fp32) in the all-reduce buffer; default 1048576 (4 MiB).")]
    public int Count { get; set; } = 1 << 20;

    /// <summary>Rank that exits before the all-reduce, to check on a cluster that a dead rank ends the job. Default none.</summary>
    [Option("dead-rank", HelpText = "With --mpi/--nccl: this rank exits (code 9) before the all-reduce; the others must abort after Distributed:CollectiveTimeoutSeconds instead of hanging.")]
    public int? DeadRank { get; set; }

    [Option("mpi-library", HelpText = "MPICH-ABI library; default $HOPT_MPI_LIBRARY, else libmpich.so.12.")]
    public string? MpiLibrary { get; set; }
}
