# Environment for Jean Zay's H100 partition (IDRIS conventions, PLATFORM.md). The only place with
# `module load`. arch/h100 must come first: it switches the module tree to the H100 software stack.
module purge
module load arch/h100
# GCC 13's libstdc++ has GLIBCXX_3.4.32, which TorchSharp's native shim asks for; with it loaded the
# build's weak-version patch is not needed (it is harmless either way).
module load gcc/13.2.0
module load cuda/12.8.0 nccl/2.26.2-1-cuda
# Intel MPI is MPICH-ABI (libmpi.so.12), which MPI.NET needs; Open MPI's pointer handles segfault it.
module load intel-mpi
export HOPT_MPI_LIBRARY=${HOPT_MPI_LIBRARY:-libmpi.so.12}
export HOPT_DEVICE=${HOPT_DEVICE:-cuda}
export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-24}
# NCCL over the node's InfiniBand; keep USR1 free for NCCL (we use USR2 for the wall clock).
export NCCL_ASYNC_ERROR_HANDLING=1
