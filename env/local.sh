# Environment for the local one-node cluster (scripts/slurm-local): nothing to load, Debian's MPICH.
export HOPT_MPI_LIBRARY=${HOPT_MPI_LIBRARY:-libmpich.so.12}
export HOPT_DEVICE=${HOPT_DEVICE:-cpu}
# CPU runs: one libtorch thread pool per rank sized to the rank's CPUs.
export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}
