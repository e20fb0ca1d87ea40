using HOptimus.Core;

namespace HOptimus.Distributed;

/// <summary>
/// Without --mpi=pmi2 (or with an MPI library srun's PMI does not serve) every rank initialises MPI
/// alone with a world of 1 and trains a model of its own, silently. SLURM_NTASKS says how many ranks
/// the job step really has.
/// </summary>
public static class WorldSizeCheck
{
    /// <summary>Throws a usage error when <paramref name="worldSize"/> differs from SLURM_NTASKS (when set).</summary>
    public static void Verify(int worldSize, SlurmEnvironment slurm, string library)
    {
        if (slurm.Tasks is not { } tasks || tasks == worldSize) return;
        throw HoptException.Usage(
            $"MPI world size is {worldSize} but SLURM_NTASKS={tasks}: the ranks did not find each other. " +
            $"Launch with `srun --mpi=pmi2` (or MpiDefault=pmi2 in slurm.conf) and check that the MPI library " +
            $"'{library}' is an MPICH-ABI library served by srun's PMI (set {DistributedOptions.MpiLibraryVariable} " +
            "or Distributed:MpiLibrary to change it).");
    }
}
