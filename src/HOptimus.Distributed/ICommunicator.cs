namespace HOptimus.Distributed;

/// <summary>Element types the collectives carry.</summary>
public enum ElementType { Float32, BFloat16, Float64, Int32, Int64, Byte }

/// <summary>One buffer of a grouped collective: <see cref="Count"/> elements of <see cref="Type"/> at <see cref="Pointer"/>.</summary>
public readonly record struct CollectiveBuffer(IntPtr Pointer, long Count, ElementType Type);

/// <summary>
/// The collectives data-parallel training needs. Buffers are raw pointers so one interface serves
/// host memory (MPI, in-process ranks) and device memory (NCCL); <see cref="OnDevice"/> says which
/// kind a communicator expects. Every rank must make the same calls in the same order.
/// </summary>
public interface ICommunicator : IDisposable
{
    int Rank { get; }
    int Size { get; }
    /// <summary>True when buffers must be device (GPU) pointers, false for host memory.</summary>
    bool OnDevice { get; }

    /// <summary>
    /// The same ranks for host buffers (metrics, stop flags, small control messages): this
    /// communicator when it takes host memory, the MPI bootstrap of a device communicator.
    /// </summary>
    ICommunicator Host => this;

    /// <summary>In-place sum over all ranks of <paramref name="count"/> elements.</summary>
    void AllReduceSum(IntPtr buffer, long count, ElementType type);

    /// <summary>In-place sums of several buffers; NCCL fuses them into one group launch, others run them in order.</summary>
    void AllReduceSum(IReadOnlyList<CollectiveBuffer> buffers)
    {
        foreach (var b in buffers) AllReduceSum(b.Pointer, b.Count, b.Type);
    }

    /// <summary>Copies <paramref name="count"/> elements from <paramref name="root"/> to every rank, in place.</summary>
    void Broadcast(IntPtr buffer, long count, ElementType type, int root);

    /// <summary>Sums <c>Size × count</c> elements of <paramref name="send"/>; rank r receives chunk r into <paramref name="receive"/>.</summary>
    void ReduceScatterSum(IntPtr send, IntPtr receive, long count, ElementType type);

    /// <summary>Gathers <paramref name="count"/> elements from every rank into <c>Size × count</c> elements of <paramref name="receive"/>, in rank order.</summary>
    void AllGather(IntPtr send, IntPtr receive, long count, ElementType type);

    void Barrier();

    /// <summary>Ends every rank of the job at once: one rank's fatal error must not hang the others.</summary>
    void Abort(string reason, int exitCode);
}
