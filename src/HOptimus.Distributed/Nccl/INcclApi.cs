namespace HOptimus.Distributed.Nccl;

/// <summary>
/// The NCCL and CUDA runtime calls <see cref="NcclCommunicator"/> makes, one-to-one with the C API
/// (result codes, not exceptions), so the communicator's bootstrap, error mapping and timeouts can
/// be tested without a GPU against a named fake. <see cref="NcclLibraryApi"/> is the real one.
/// </summary>
public interface INcclApi
{
    /// <summary>cudaSetDevice: the device this rank's communicator and buffers live on.</summary>
    int SetDevice(int device);
    /// <summary>cudaStreamQuery: 0 when all work is done, 600 (cudaErrorNotReady) while it runs.</summary>
    int StreamQuery(IntPtr stream);
    string CudaErrorString(int error);
    /// <summary>cudaMalloc / cudaFree / cudaMemcpy (kind 1 host-to-device, 2 device-to-host): device buffers for the doctor and smoke checks.</summary>
    int Malloc(out IntPtr device, ulong bytes);
    int Free(IntPtr device);
    int Memcpy(IntPtr destination, IntPtr source, ulong bytes, CudaMemcpyKind kind);

    /// <summary>ncclGetUniqueId into 128 bytes.</summary>
    int GetUniqueId(Span<byte> id);
    int CommInitRank(out IntPtr comm, int ranks, ReadOnlySpan<byte> id, int rank);
    int AllReduce(IntPtr send, IntPtr receive, ulong count, NcclDataType type, NcclRedOp op, IntPtr comm, IntPtr stream);
    int ReduceScatter(IntPtr send, IntPtr receive, ulong receiveCount, NcclDataType type, NcclRedOp op, IntPtr comm, IntPtr stream);
    int AllGather(IntPtr send, IntPtr receive, ulong sendCount, NcclDataType type, IntPtr comm, IntPtr stream);
    int Broadcast(IntPtr send, IntPtr receive, ulong count, NcclDataType type, int root, IntPtr comm, IntPtr stream);
    int GroupStart();
    int GroupEnd();
    int CommGetAsyncError(IntPtr comm, out int asyncError);
    int CommAbort(IntPtr comm);
    int CommDestroy(IntPtr comm);
    string GetErrorString(int result);
}

/// <summary>cudaMemcpyKind values.</summary>
public enum CudaMemcpyKind { HostToDevice = 1, DeviceToHost = 2 }

/// <summary>ncclDataType_t values (nccl.h, NCCL 2.x).</summary>
public enum NcclDataType { Int8 = 0, Uint8 = 1, Int32 = 2, Uint32 = 3, Int64 = 4, Uint64 = 5, Float16 = 6, Float32 = 7, Float64 = 8, BFloat16 = 9 }

/// <summary>ncclRedOp_t values.</summary>
public enum NcclRedOp { Sum = 0, Prod = 1, Max = 2, Min = 3, Avg = 4 }
