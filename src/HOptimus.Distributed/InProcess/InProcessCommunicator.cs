namespace HOptimus.Distributed.InProcess;

/// <summary>One rank of an <see cref="InProcessGroup"/>: host buffers, the semantics of the MPI communicator.</summary>
public sealed unsafe class InProcessCommunicator : ICommunicator
{
    private readonly InProcessGroup _group;

    internal InProcessCommunicator(InProcessGroup group, int rank)
    {
        _group = group;
        Rank = rank;
    }

    public int Rank { get; }
    public int Size => _group.Size;
    public bool OnDevice => false;

    public void AllReduceSum(IntPtr buffer, long count, ElementType type)
    {
        var result = new byte[count * type.SizeOf()];
        var all = _group.Exchange(Rank, buffer, "AllReduceSum");
        fixed (byte* r = result) ReduceInto((IntPtr)r, all, 0, count, type);
        _group.Rendezvous(Rank, "AllReduceSum");
        result.CopyTo(new Span<byte>((void*)buffer, result.Length));
    }

    public void Broadcast(IntPtr buffer, long count, ElementType type, int root)
    {
        if (root < 0 || root >= Size) throw new ArgumentOutOfRangeException(nameof(root), root, $"world size is {Size}");
        var bytes = count * type.SizeOf();
        var all = _group.Exchange(Rank, buffer, "Broadcast");
        if (Rank != root) Buffer.MemoryCopy((void*)all[root], (void*)buffer, bytes, bytes);
        _group.Rendezvous(Rank, "Broadcast");
    }

    public void ReduceScatterSum(IntPtr send, IntPtr receive, long count, ElementType type)
    {
        var all = _group.Exchange(Rank, send, "ReduceScatterSum");
        ReduceInto(receive, all, Rank * count, count, type);
        _group.Rendezvous(Rank, "ReduceScatterSum");
    }

    public void AllGather(IntPtr send, IntPtr receive, long count, ElementType type)
    {
        var bytes = count * type.SizeOf();
        var all = _group.Exchange(Rank, send, "AllGather");
        for (var r = 0; r < Size; r++)
            Buffer.MemoryCopy((void*)all[r], (void*)(receive + (nint)(r * bytes)), bytes, bytes);
        _group.Rendezvous(Rank, "AllGather");
    }

    public void Barrier() => _group.Rendezvous(Rank, "Barrier");

    /// <summary>Aborts the group: every rank's pending and next collective throws <see cref="CommunicatorAbortedException"/>.</summary>
    public void Abort(string reason, int exitCode) => _group.Abort($"rank {Rank} aborted: {reason}", exitCode);

    public void Dispose() { }

    /// <summary>result[i] = sum over ranks in rank order of source_r[offset + i].</summary>
    private static void ReduceInto(IntPtr result, IntPtr[] sources, long offset, long count, ElementType type)
    {
        switch (type)
        {
            case ElementType.Float32: Sum<float>(result, sources, offset, count); break;
            case ElementType.Float64: Sum<double>(result, sources, offset, count); break;
            case ElementType.Int32: Sum<int>(result, sources, offset, count); break;
            case ElementType.Int64: Sum<long>(result, sources, offset, count); break;
            case ElementType.Byte: Sum<byte>(result, sources, offset, count); break;
            case ElementType.BFloat16:
                var acc = (ushort*)result;
                Buffer.MemoryCopy((ushort*)sources[0] + offset, acc, count * 2, count * 2);
                // MPI applies the user op as inout = in (op) inout; pairwise bf16 rounding as in MpiBFloat16Sum.
                for (var r = 1; r < sources.Length; r++) BFloat16.AddInto((ushort*)sources[r] + offset, acc, count);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }

    private static void Sum<T>(IntPtr result, IntPtr[] sources, long offset, long count)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var acc = (T*)result;
        var first = (T*)sources[0] + offset;
        for (long i = 0; i < count; i++) acc[i] = first[i];
        for (var r = 1; r < sources.Length; r++)
        {
            var src = (T*)sources[r] + offset;
            for (long i = 0; i < count; i++) acc[i] += src[i];
        }
    }
}
