namespace HOptimus.Distributed.Tests.MpiProbe;

/// <summary>What the MPI probe checks on each rank; values depend on the rank so a wrong peer shows.</summary>
public static class ProbeScenarios
{
    /// <summary>Every collective and element type; exits 1 naming the first wrong value.</summary>
    public static int Collectives(ICommunicator comm)
    {
        var failures = new List<string>();
        var (r, n) = (comm.Rank, comm.Size);
        Console.WriteLine($"probe: rank {r} of {n} on {(comm as HOptimus.Distributed.Mpi.MpiCommunicator)?.Library}");

        // 3 M floats crosses MPICH's algorithm switches; (i % 1000) + rank is exact in fp32.
        var floats = new float[3_000_000];
        for (var i = 0; i < floats.Length; i++) floats[i] = i % 1000 + r;
        comm.AllReduceSum<float>(floats);
        for (var i = 0; i < floats.Length; i++)
            if (floats[i] != n * (i % 1000) + n * (n - 1) / 2f) { failures.Add($"float[{i}] = {floats[i]}"); break; }

        double[] doubles = [0.5 * (r + 1), -r];
        comm.AllReduceSum<double>(doubles);
        Expect(failures, "double sum", doubles, [0.25 * n * (n + 1), -n * (n - 1) / 2.0]);

        long[] longs = [1L << 40, r];
        comm.AllReduceSum<long>(longs);
        Expect(failures, "long sum", longs, [n * (1L << 40), n * (n - 1) / 2]);

        var bf16 = new ushort[] { BFloat16.FromSingle(1.5f), BFloat16.FromSingle(r) };
        unsafe { fixed (ushort* p = bf16) comm.AllReduceSum((IntPtr)p, bf16.Length, ElementType.BFloat16); }
        Expect(failures, "bf16 sum", bf16.Select(BFloat16.ToSingle).ToArray(), [1.5f * n, n * (n - 1) / 2f]);

        var bytes = new byte[1000];
        if (r == 0) for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 7);
        comm.Broadcast<byte>(bytes, root: 0);
        Expect(failures, "broadcast", bytes, Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray());

        var send = Enumerable.Range(0, 2 * n).Select(i => (float)(i + r)).ToArray();
        var mine = new float[2];
        comm.ReduceScatterSum<float>(send, mine);
        Expect(failures, "reduce-scatter", mine, [n * 2 * r + n * (n - 1) / 2f, n * (2 * r + 1) + n * (n - 1) / 2f]);

        var all = new int[2 * n];
        comm.AllGather<int>([r, 10 * r], all);
        Expect(failures, "all-gather", all, Enumerable.Range(0, n).SelectMany(k => new[] { k, 10 * k }).ToArray());

        comm.Barrier();
        foreach (var f in failures) Console.WriteLine($"probe: rank {r} WRONG {f}");
        Console.WriteLine($"probe: rank {r} {(failures.Count == 0 ? "all collectives exact" : "FAILED")}");
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Rank 1 stops taking part (as a rank killed under srun, which lets the others run on); rank 0
    /// waits in an all-reduce until its watchdog aborts the whole job.
    /// </summary>
    public static int RankHangs(ICommunicator comm)
    {
        comm.Barrier();
        if (comm.Rank == 1) Thread.Sleep(TimeSpan.FromMinutes(10));
        comm.AllReduceSum<float>(new float[16]);
        Console.WriteLine($"probe: rank {comm.Rank} returned from an all-reduce with a hung peer");
        return 0;
    }

    /// <summary>Rank 1 aborts; rank 0, blocked in a collective, must end too.</summary>
    public static int RankAborts(ICommunicator comm)
    {
        comm.Barrier();
        if (comm.Rank == 1) comm.Abort("probe: rank 1 hit a fatal error", 3);
        comm.AllReduceSum<float>(new float[16]);
        Console.WriteLine($"probe: rank {comm.Rank} returned from an all-reduce after its peer aborted");
        return 0;
    }

    /// <summary>NcclCommunicator bootstrapped over real MPI, its NCCL side the named fake: every rank must hold rank 0's id.</summary>
    public static int NcclBootstrap(ICommunicator mpi)
    {
        var fake = new Nccl.FakeNcclApi(mpi);
        using var nccl = HOptimus.Distributed.Nccl.NcclCommunicator.Create(fake, mpi, device: 0, TimeSpan.FromSeconds(30), ownsBootstrap: false);
        var ids = new byte[128 * mpi.Size];
        mpi.AllGather<byte>(fake.InitId, ids);
        var same = Enumerable.Range(0, mpi.Size).All(r => ids.AsSpan(128 * r, 128).SequenceEqual(ids.AsSpan(0, 128)));
        var sum = new float[] { nccl.Rank + 1 };
        unsafe { fixed (float* p = sum) nccl.AllReduceSum((IntPtr)p, 1, ElementType.Float32); }
        var ok = same && ids.Any(b => b != 0) && sum[0] == mpi.Size * (mpi.Size + 1) / 2f;
        Console.WriteLine($"probe: rank {mpi.Rank} nccl bootstrap {(ok ? "id matches rank 0" : "FAILED")}, sum {sum[0]}");
        return ok ? 0 : 1;
    }

    private static void Expect<T>(List<string> failures, string what, T[] actual, T[] expected)
    {
        if (!actual.SequenceEqual(expected))
            failures.Add($"{what}: got [{string.Join(", ", actual.Take(8))}], expected [{string.Join(", ", expected.Take(8))}]");
    }
}
