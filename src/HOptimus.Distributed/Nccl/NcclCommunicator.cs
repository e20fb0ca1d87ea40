using System.Diagnostics;
using HOptimus.Core;

namespace HOptimus.Distributed.Nccl;

/// <summary>
/// NCCL on device buffers. Bootstrap: rank 0 calls ncclGetUniqueId, the 128-byte id is broadcast
/// over the host communicator (MPI), every rank calls ncclCommInitRank on its device. Collectives are
/// enqueued on the legacy default stream (stream 0, where TorchSharp's kernels run, so they are
/// ordered with them) and waited for by polling the stream while checking ncclCommGetAsyncError, so
/// a dead peer turns into an abort after the timeout instead of a hang.
/// </summary>
public sealed class NcclCommunicator : ICommunicator
{
    private const int CudaErrorNotReady = 600;
    private const int NcclInProgress = 7;
    private static readonly IntPtr Stream = IntPtr.Zero;
    private readonly INcclApi _api;
    private readonly ICommunicator _bootstrap;
    private readonly bool _ownsBootstrap;
    private readonly TimeSpan? _timeout;
    private IntPtr _comm;

    public int Rank => _bootstrap.Rank;
    public int Size => _bootstrap.Size;
    public bool OnDevice => true;
    public ICommunicator Host => _bootstrap;
    /// <summary>The CUDA device of this rank.</summary>
    public int Device { get; }

    private NcclCommunicator(INcclApi api, ICommunicator bootstrap, bool ownsBootstrap, int device, TimeSpan? timeout)
    {
        _api = api;
        _bootstrap = bootstrap;
        _ownsBootstrap = ownsBootstrap;
        _timeout = timeout;
        Device = device;
    }

    /// <param name="bootstrap">Host communicator of the same ranks (MPI) that carries the unique id.</param>
    /// <param name="device">CUDA device of this rank: SLURM_LOCALID with one rank per GPU.</param>
    /// <param name="ownsBootstrap">Dispose the bootstrap with this communicator.</param>
    public static NcclCommunicator Create(INcclApi api, ICommunicator bootstrap, int device, TimeSpan? timeout, bool ownsBootstrap)
    {
        if (bootstrap.OnDevice) throw new ArgumentException("the NCCL bootstrap must be a host communicator (MPI)", nameof(bootstrap));
        var nccl = new NcclCommunicator(api, bootstrap, ownsBootstrap, device, timeout);
        var rc = api.SetDevice(device);
        if (rc != 0) throw new HoptException($"rank {bootstrap.Rank}: cudaSetDevice({device}) failed: {api.CudaErrorString(rc)} ({rc})", ExitCodes.Failed);
        Span<byte> id = stackalloc byte[128];
        // Every rank joins the broadcast even when rank 0 failed, with a flag first, so none waits for an id that never comes.
        var idStatus = bootstrap.Rank == 0 ? api.GetUniqueId(id) : 0;
        Span<int> status = [idStatus];
        bootstrap.Broadcast(status, root: 0);
        if (status[0] != 0) throw new HoptException($"ncclGetUniqueId failed on rank 0: {api.GetErrorString(status[0])} ({status[0]})", ExitCodes.Failed);
        bootstrap.Broadcast(id, root: 0);
        nccl.Check("ncclCommInitRank", api.CommInitRank(out nccl._comm, bootstrap.Size, id, bootstrap.Rank));
        return nccl;
    }

    public void AllReduceSum(IntPtr buffer, long count, ElementType type)
    {
        Check("ncclAllReduce", _api.AllReduce(buffer, buffer, (ulong)count, DataType(type), NcclRedOp.Sum, _comm, Stream));
        Wait("ncclAllReduce");
    }

    public void AllReduceSum(IReadOnlyList<CollectiveBuffer> buffers)
    {
        // One group launch for all buckets: NCCL fuses them instead of a kernel per bucket.
        Check("ncclGroupStart", _api.GroupStart());
        foreach (var b in buffers)
            Check("ncclAllReduce", _api.AllReduce(b.Pointer, b.Pointer, (ulong)b.Count, DataType(b.Type), NcclRedOp.Sum, _comm, Stream));
        Check("ncclGroupEnd", _api.GroupEnd());
        Wait($"ncclAllReduce (group of {buffers.Count})");
    }

    public void Broadcast(IntPtr buffer, long count, ElementType type, int root)
    {
        if (root < 0 || root >= Size) throw new ArgumentOutOfRangeException(nameof(root), root, $"world size is {Size}");
        Check("ncclBroadcast", _api.Broadcast(buffer, buffer, (ulong)count, DataType(type), root, _comm, Stream));
        Wait("ncclBroadcast");
    }

    public void ReduceScatterSum(IntPtr send, IntPtr receive, long count, ElementType type)
    {
        Check("ncclReduceScatter", _api.ReduceScatter(send, receive, (ulong)count, DataType(type), NcclRedOp.Sum, _comm, Stream));
        Wait("ncclReduceScatter");
    }

    public void AllGather(IntPtr send, IntPtr receive, long count, ElementType type)
    {
        Check("ncclAllGather", _api.AllGather(send, receive, (ulong)count, DataType(type), _comm, Stream));
        Wait("ncclAllGather");
    }

    public void Barrier() => _bootstrap.Barrier();

    public void Abort(string reason, int exitCode)
    {
        if (_comm != IntPtr.Zero) _api.CommAbort(_comm);
        _comm = IntPtr.Zero;
        _bootstrap.Abort(reason, exitCode);
    }

    public void Dispose()
    {
        if (_comm != IntPtr.Zero) _api.CommDestroy(_comm);
        _comm = IntPtr.Zero;
        if (_ownsBootstrap) _bootstrap.Dispose();
    }

    internal static NcclDataType DataType(ElementType type) => type switch
    {
        ElementType.Float32 => NcclDataType.Float32,
        ElementType.BFloat16 => NcclDataType.BFloat16,
        ElementType.Float64 => NcclDataType.Float64,
        ElementType.Int32 => NcclDataType.Int32,
        ElementType.Int64 => NcclDataType.Int64,
        ElementType.Byte => NcclDataType.Uint8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private void Wait(string operation)
    {
        var start = Stopwatch.GetTimestamp();
        var spin = new SpinWait();
        while (true)
        {
            var rc = _api.StreamQuery(Stream);
            if (rc == 0) return;
            if (rc != CudaErrorNotReady)
                Fail($"rank {Rank}: {operation}: CUDA error {_api.CudaErrorString(rc)} ({rc})");
            Check("ncclCommGetAsyncError", _api.CommGetAsyncError(_comm, out var asyncError));
            if (asyncError != 0 && asyncError != NcclInProgress)
                Fail($"rank {Rank}: {operation}: NCCL asynchronous error: {_api.GetErrorString(asyncError)} ({asyncError})");
            if (_timeout is { } t && Stopwatch.GetElapsedTime(start) > t)
                Fail($"rank {Rank}: {operation} did not complete within {t.TotalSeconds:0.#} s (Distributed:CollectiveTimeoutSeconds); another rank died or hangs");
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void Check(string call, int rc)
    {
        if (rc != 0) Fail($"{call} failed on rank {Rank}: {_api.GetErrorString(rc)} ({rc})");
    }

    /// <summary>An NCCL failure leaves the peers inside the collective: abort the communicator and the job.</summary>
    private void Fail(string message)
    {
        Abort(message, ExitCodes.Failed);
        throw new CommunicatorAbortedException(message);
    }
}
