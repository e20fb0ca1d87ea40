/* The peer of scripts/bench/allreduce: MPICH's own MPI_Allreduce (in place, fp32 sum) at the sizes
 * the project's communicator is measured at, timed the same way. Build: mpicc -O2 -o allreduce_mpich allreduce_mpich.c
 * Output, one line per size: "allreduce <bytes> <seconds per call> <bus GB/s>" from rank 0. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const long max_bytes = argc > 1 ? atol(argv[1]) : 64L << 20;
  float *buffer = malloc(max_bytes);
  for (long i = 0; i < max_bytes / 4; i++) buffer[i] = 1.0f;
  for (long bytes = 1L << 20; bytes <= max_bytes; bytes *= 4) {
    int count = (int)(bytes / 4);
    /* 512 MB moved per size, at least 5 calls: about a second per size on 2 cores. */
    int iterations = (int)(512L * 1024 * 1024 / bytes);
    if (iterations < 5) iterations = 5;
    for (int w = 0; w < 3; w++) MPI_Allreduce(MPI_IN_PLACE, buffer, count, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
    MPI_Barrier(MPI_COMM_WORLD);
    double start = MPI_Wtime();
    for (int it = 0; it < iterations; it++) MPI_Allreduce(MPI_IN_PLACE, buffer, count, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
    double local = (MPI_Wtime() - start) / iterations, slowest;
    MPI_Reduce(&local, &slowest, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
    /* Bus bandwidth as nccl-tests defines it: algorithm bandwidth x 2(n-1)/n. */
    if (rank == 0) printf("allreduce %ld %.6e %.3f\n", bytes, slowest, bytes / slowest * 2.0 * (size - 1) / size / 1e9);
  }
  free(buffer);
  MPI_Finalize();
  return 0;
}
