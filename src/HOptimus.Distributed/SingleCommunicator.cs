namespace HOptimus.Distributed;

/// <summary>A world of one: every collective leaves the data as it is (the sum over one rank).</summary>
public sealed unsafe class SingleCommunicator : ICommunicator
{
    public int Rank => 0;
    public int Size => 1;
    public bool OnDevice => false;

    public void AllReduceSum(IntPtr buffer, long count, ElementType type) { }

    public void Broadcast(IntPtr buffer, long count, ElementType type, int root)
    {
        if (root != 0) throw new ArgumentOutOfRangeException(nameof(root), root, "world size is 1");
    }

    public void ReduceScatterSum(IntPtr send, IntPtr receive, long count, ElementType type) => Copy(send, receive, count, type);

    public void AllGather(IntPtr send, IntPtr receive, long count, ElementType type) => Copy(send, receive, count, type);

    public void Barrier() { }

    public void Abort(string reason, int exitCode)
    {
        Console.Error.WriteLine($"hopt: aborting (exit {exitCode}): {reason}");
        Environment.Exit(exitCode);
    }

    public void Dispose() { }

    private static void Copy(IntPtr send, IntPtr receive, long count, ElementType type)
    {
        var bytes = count * type.SizeOf();
        if (send != receive) Buffer.MemoryCopy((void*)send, (void*)receive, bytes, bytes);
    }
}
