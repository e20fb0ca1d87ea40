#:project ../../src/HOptimus.Distributed/HOptimus.Distributed.csproj
#:property AllowUnsafeBlocks=true
// The project's side of scripts/bench/allreduce: ICommunicator.AllReduceSum (MpiCommunicator, in
// place, fp32) at the sizes and with the timing of allreduce_mpich.c, printing the same lines.
using System.Diagnostics;
using HOptimus.Core;
using HOptimus.Distributed;

var maxBytes = args.Length > 0 ? long.Parse(args[0]) : 64L << 20;
using var comm = CommunicatorFactory.Create(new DistributedOptions { Backend = CommunicatorBackend.Mpi }, SlurmEnvironment.FromEnvironment());
var buffer = new float[maxBytes / 4];
var perRank = new double[comm.Size];
Array.Fill(buffer, 1f);
unsafe
{
    fixed (float* p = buffer)
    {
        for (var bytes = 1L << 20; bytes <= maxBytes; bytes *= 4)
        {
            var count = bytes / 4;
            var iterations = (int)Math.Max(5, 512L * 1024 * 1024 / bytes);
            for (var w = 0; w < 3; w++) comm.AllReduceSum((IntPtr)p, count, ElementType.Float32);
            comm.Barrier();
            var clock = Stopwatch.StartNew();
            for (var it = 0; it < iterations; it++) comm.AllReduceSum((IntPtr)p, count, ElementType.Float32);
            // Max over ranks through a sum of one-hot slots: the interface has sums only.
            Array.Clear(perRank);
            perRank[comm.Rank] = clock.Elapsed.TotalSeconds / iterations;
            comm.AllReduceSum<double>(perRank);
            var max = perRank.Max();
            if (comm.Rank == 0)
                Console.WriteLine($"allreduce {bytes} {max:E6} {bytes / max * 2.0 * (comm.Size - 1) / comm.Size / 1e9:F3}");
        }
    }
}
