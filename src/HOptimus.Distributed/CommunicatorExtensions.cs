namespace HOptimus.Distributed;

/// <summary>Collectives on host spans of CLR value types (control messages, metrics, flags, tests).</summary>
public static unsafe class CommunicatorExtensions
{
    public static void AllReduceSum<T>(this ICommunicator comm, Span<T> values) where T : unmanaged
    {
        RequireHost(comm);
        fixed (T* p = values) comm.AllReduceSum((IntPtr)p, values.Length, ElementTypes.Of<T>());
    }

    public static void Broadcast<T>(this ICommunicator comm, Span<T> values, int root) where T : unmanaged
    {
        RequireHost(comm);
        fixed (T* p = values) comm.Broadcast((IntPtr)p, values.Length, ElementTypes.Of<T>(), root);
    }

    /// <summary><paramref name="send"/> holds Size chunks of receive.Length elements; this rank gets the sum of its chunk.</summary>
    public static void ReduceScatterSum<T>(this ICommunicator comm, ReadOnlySpan<T> send, Span<T> receive) where T : unmanaged
    {
        RequireHost(comm);
        if (send.Length != (long)receive.Length * comm.Size)
            throw new ArgumentException($"send has {send.Length} elements, expected {comm.Size} x {receive.Length}");
        fixed (T* s = send) fixed (T* r = receive)
            comm.ReduceScatterSum((IntPtr)s, (IntPtr)r, receive.Length, ElementTypes.Of<T>());
    }

    public static void AllGather<T>(this ICommunicator comm, ReadOnlySpan<T> send, Span<T> receive) where T : unmanaged
    {
        RequireHost(comm);
        if (receive.Length != (long)send.Length * comm.Size)
            throw new ArgumentException($"receive has {receive.Length} elements, expected {comm.Size} x {send.Length}");
        fixed (T* s = send) fixed (T* r = receive)
            comm.AllGather((IntPtr)s, (IntPtr)r, send.Length, ElementTypes.Of<T>());
    }

    /// <summary>Sum of one value over all ranks.</summary>
    public static double AllReduceSum(this ICommunicator comm, double value)
    {
        Span<double> one = [value];
        comm.AllReduceSum(one);
        return one[0];
    }

    /// <summary>True on every rank when any rank passes true: the agreement on a stop flag.</summary>
    public static bool AnyRank(this ICommunicator comm, bool flag)
    {
        Span<int> one = [flag ? 1 : 0];
        comm.AllReduceSum(one);
        return one[0] > 0;
    }

    private static void RequireHost(ICommunicator comm)
    {
        if (comm.OnDevice)
            throw new InvalidOperationException($"{comm.GetType().Name} takes device buffers; send host values over its bootstrap (MPI) communicator");
    }
}
