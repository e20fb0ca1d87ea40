using System.Runtime.InteropServices;

namespace HOptimus.Distributed.Nccl;

/// <summary>P/Invoke to libnccl.so.2 and the CUDA runtime; names and signatures from nccl.h and cuda_runtime_api.h.</summary>
public sealed unsafe class NcclLibraryApi : INcclApi
{
    private const int UniqueIdBytes = 128; // NCCL_UNIQUE_ID_BYTES

    [StructLayout(LayoutKind.Sequential)]
    private struct UniqueId { public fixed byte Internal[UniqueIdBytes]; }

    public NcclLibraryApi(DistributedOptions options)
    {
        NativeLibraries.Bind(NativeLibraries.Nccl, options.NcclLibrary,
            "NCCL is needed for Distributed:Backend=nccl (module load nccl, or use Backend=mpi on CPU nodes)");
        NativeLibraries.Bind(NativeLibraries.CudaRuntime, options.CudaRuntimeLibrary,
            "the CUDA runtime is needed for Distributed:Backend=nccl (module load cuda, or set Distributed:CudaRuntimeLibrary)");
    }

    public int SetDevice(int device) => cudaSetDevice(device);
    public int StreamQuery(IntPtr stream) => cudaStreamQuery(stream);
    public int Malloc(out IntPtr device, ulong bytes) => cudaMalloc(out device, (nuint)bytes);
    public int Free(IntPtr device) => cudaFree(device);
    public int Memcpy(IntPtr destination, IntPtr source, ulong bytes, CudaMemcpyKind kind) => cudaMemcpy(destination, source, (nuint)bytes, (int)kind);
    public string CudaErrorString(int error) => Marshal.PtrToStringAnsi(cudaGetErrorString(error)) ?? $"CUDA error {error}";

    public int GetUniqueId(Span<byte> id)
    {
        UniqueId raw;
        var rc = ncclGetUniqueId(&raw);
        new ReadOnlySpan<byte>(raw.Internal, UniqueIdBytes).CopyTo(id);
        return rc;
    }

    public int CommInitRank(out IntPtr comm, int ranks, ReadOnlySpan<byte> id, int rank)
    {
        if (id.Length != UniqueIdBytes) throw new ArgumentException($"an NCCL unique id has {UniqueIdBytes} bytes, got {id.Length}");
        UniqueId raw;
        id.CopyTo(new Span<byte>(raw.Internal, UniqueIdBytes));
        return ncclCommInitRank(out comm, ranks, raw, rank);
    }

    public int AllReduce(IntPtr send, IntPtr receive, ulong count, NcclDataType type, NcclRedOp op, IntPtr comm, IntPtr stream) =>
        ncclAllReduce(send, receive, (nuint)count, (int)type, (int)op, comm, stream);
    public int ReduceScatter(IntPtr send, IntPtr receive, ulong receiveCount, NcclDataType type, NcclRedOp op, IntPtr comm, IntPtr stream) =>
        ncclReduceScatter(send, receive, (nuint)receiveCount, (int)type, (int)op, comm, stream);
    public int AllGather(IntPtr send, IntPtr receive, ulong sendCount, NcclDataType type, IntPtr comm, IntPtr stream) =>
        ncclAllGather(send, receive, (nuint)sendCount, (int)type, comm, stream);
    public int Broadcast(IntPtr send, IntPtr receive, ulong count, NcclDataType type, int root, IntPtr comm, IntPtr stream) =>
        ncclBroadcast(send, receive, (nuint)count, (int)type, root, comm, stream);
    public int GroupStart() => ncclGroupStart();
    public int GroupEnd() => ncclGroupEnd();
    public int CommGetAsyncError(IntPtr comm, out int asyncError) => ncclCommGetAsyncError(comm, out asyncError);
    public int CommAbort(IntPtr comm) => ncclCommAbort(comm);
    public int CommDestroy(IntPtr comm) => ncclCommDestroy(comm);
    public string GetErrorString(int result) => Marshal.PtrToStringAnsi(ncclGetErrorString(result)) ?? $"NCCL error {result}";

    [DllImport(NativeLibraries.CudaRuntime)] private static extern int cudaSetDevice(int device);
    [DllImport(NativeLibraries.CudaRuntime)] private static extern int cudaStreamQuery(IntPtr stream);
    [DllImport(NativeLibraries.CudaRuntime)] private static extern IntPtr cudaGetErrorString(int error);
    [DllImport(NativeLibraries.CudaRuntime)] private static extern int cudaMalloc(out IntPtr device, nuint bytes);
    [DllImport(NativeLibraries.CudaRuntime)] private static extern int cudaFree(IntPtr device);
    [DllImport(NativeLibraries.CudaRuntime)] private static extern int cudaMemcpy(IntPtr destination, IntPtr source, nuint bytes, int kind);
    [DllImport(NativeLibraries.Nccl)] private static extern int ncclGetUniqueId(UniqueId* id);
    [DllImport(NativeLibraries.Nccl)] private static extern int ncclCommInitRank(out IntPtr comm, int ranks, UniqueId id, int rank);
    [DllImport(NativeLibraries.Nccl)] private static extern int ncclAllReduce(IntPtr send, IntPtr receive, nuint count, int type, int op, IntPtr comm, IntPtr stream);
    [DllImport(NativeLibraries.Nccl)] private static extern int ncclReduceScatter(IntPtr send, IntPtr receive, nuint receiveCount, int type, int op, IntPtr comm, IntPtr stream);
    [DllImport(NativeLibraries.Nccl)] private static extern int ncclAllGather(IntPtr send, IntPtr receive, nuint sendCount, int type, IntPtr comm, IntPtr stream);
    [DllImport(NativeLibraries.Nccl)] private static extern int ncclBroadcast(IntPtr send, IntPtr receive, nuint count, int type, int root, IntPtr comm, IntPtr stream);
    [DllImport(NativeLibraries.Nccl)] private static extern int ncclGroupStart();
    [DllImport(NativeLibraries.Nccl)] private static extern int ncclGroupEnd();
    [DllImport(NativeLibraries.Nccl)] private static extern int ncclCommGetAsyncError(IntPtr comm, out int asyncError);
    [DllImport(NativeLibraries.Nccl)] private static extern int ncclCommAbort(IntPtr comm);
    [DllImport(NativeLibraries.Nccl)] private static extern int ncclCommDestroy(IntPtr comm);
    [DllImport(NativeLibraries.Nccl)] private static extern IntPtr ncclGetErrorString(int result);
}
