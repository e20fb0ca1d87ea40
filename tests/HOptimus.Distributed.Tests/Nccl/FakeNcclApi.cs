using System.Runtime.InteropServices;
using HOptimus.Distributed.Nccl;

namespace HOptimus.Distributed.Tests.Nccl;

/// <summary>
/// A FAKE of NCCL and the CUDA runtime, for machines without a GPU: "device" memory is host memory
/// and each collective is carried out at once over <paramref name="wire"/>, a real host communicator
/// (MPI or in-process ranks) of the same ranks. It records the calls and can inject the failures
/// NCCL reports (error codes, asynchronous errors, a stream that never completes).
/// </summary>
public sealed class FakeNcclApi(ICommunicator wire) : INcclApi
{
    private readonly List<Action> _group = [];
    private bool _grouping;

    public List<string> Calls { get; } = [];
    public byte[]? InitId { get; private set; }
    public int? Device { get; private set; }
    /// <summary>Result code the named call returns instead of running.</summary>
    public Dictionary<string, int> Failures { get; } = [];
    public int AsyncError { get; set; }
    public bool StreamNeverCompletes { get; set; }

    public int SetDevice(int device) { Device = device; return Result("cudaSetDevice"); }
    public int StreamQuery(IntPtr stream) => StreamNeverCompletes ? 600 : 0;
    public string CudaErrorString(int error) => $"fake CUDA error {error}";
    public unsafe int Malloc(out IntPtr device, ulong bytes) { device = (IntPtr)NativeMemory.Alloc((nuint)bytes); return 0; }
    public unsafe int Free(IntPtr device) { NativeMemory.Free((void*)device); return 0; }
    public unsafe int Memcpy(IntPtr destination, IntPtr source, ulong bytes, CudaMemcpyKind kind)
    {
        Buffer.MemoryCopy((void*)source, (void*)destination, bytes, bytes);
        return 0;
    }

    public int GetUniqueId(Span<byte> id)
    {
        Random.Shared.NextBytes(id);
        return Result("ncclGetUniqueId");
    }

    public int CommInitRank(out IntPtr comm, int ranks, ReadOnlySpan<byte> id, int rank)
    {
        InitId = id.ToArray();
        comm = 0x1234;
        return ranks == wire.Size && rank == wire.Rank ? Result("ncclCommInitRank") : 4;
    }

    public int AllReduce(IntPtr send, IntPtr receive, ulong count, NcclDataType type, NcclRedOp op, IntPtr comm, IntPtr stream) =>
        Enqueue($"ncclAllReduce {type}", () =>
        {
            if (send != receive) throw new NotSupportedException("the fake reduces in place only");
            wire.AllReduceSum(receive, (long)count, ElementTypeOf(type));
        });

    public int ReduceScatter(IntPtr send, IntPtr receive, ulong receiveCount, NcclDataType type, NcclRedOp op, IntPtr comm, IntPtr stream) =>
        Enqueue($"ncclReduceScatter {type}", () => wire.ReduceScatterSum(send, receive, (long)receiveCount, ElementTypeOf(type)));

    public int AllGather(IntPtr send, IntPtr receive, ulong sendCount, NcclDataType type, IntPtr comm, IntPtr stream) =>
        Enqueue($"ncclAllGather {type}", () => wire.AllGather(send, receive, (long)sendCount, ElementTypeOf(type)));

    public int Broadcast(IntPtr send, IntPtr receive, ulong count, NcclDataType type, int root, IntPtr comm, IntPtr stream) =>
        Enqueue($"ncclBroadcast {type}", () => wire.Broadcast(receive, (long)count, ElementTypeOf(type), root));

    public int GroupStart() { _grouping = true; Calls.Add("ncclGroupStart"); return 0; }

    public int GroupEnd()
    {
        Calls.Add("ncclGroupEnd");
        _grouping = false;
        foreach (var a in _group) a();
        _group.Clear();
        return Result("ncclGroupEnd");
    }

    public int CommGetAsyncError(IntPtr comm, out int asyncError) { asyncError = AsyncError; return 0; }
    public int CommAbort(IntPtr comm) { Calls.Add("ncclCommAbort"); return 0; }
    public int CommDestroy(IntPtr comm) { Calls.Add("ncclCommDestroy"); return 0; }

    /// <summary>The strings of NCCL 2.18's ncclGetErrorString for the codes it defines.</summary>
    public string GetErrorString(int result) => result switch
    {
        1 => "unhandled cuda error",
        2 => "unhandled system error",
        3 => "internal error",
        4 => "invalid argument",
        5 => "invalid usage",
        6 => "remote process exited or there was a network error",
        _ => "unknown result code",
    };

    private int Enqueue(string call, Action run)
    {
        Calls.Add(call);
        var rc = Result(call.Split(' ')[0]);
        if (rc != 0) return rc;
        if (_grouping) _group.Add(run);
        else run();
        return 0;
    }

    private int Result(string call) => Failures.TryGetValue(call, out var rc) ? rc : 0;

    private static ElementType ElementTypeOf(NcclDataType type) => type switch
    {
        NcclDataType.Float32 => ElementType.Float32,
        NcclDataType.BFloat16 => ElementType.BFloat16,
        NcclDataType.Float64 => ElementType.Float64,
        NcclDataType.Int32 => ElementType.Int32,
        NcclDataType.Int64 => ElementType.Int64,
        NcclDataType.Uint8 => ElementType.Byte,
        _ => throw new NotSupportedException(type.ToString()),
    };
}
