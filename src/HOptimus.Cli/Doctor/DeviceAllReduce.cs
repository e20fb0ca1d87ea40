using System.Runtime.InteropServices;
using HOptimus.Core;
using HOptimus.Distributed;
using HOptimus.Distributed.Nccl;

namespace HOptimus.Cli.Doctor;

/// <summary>Copies a host buffer to the GPU, all-reduces it with NCCL and copies it back (hopt stays free of libtorch).</summary>
internal sealed class DeviceAllReduce(INcclApi api, NcclCommunicator nccl)
{
    public void Run(float[] host)
    {
        var bytes = (ulong)host.Length * sizeof(float);
        Check("cudaMalloc", api.Malloc(out var device, bytes));
        var pin = GCHandle.Alloc(host, GCHandleType.Pinned);
        try
        {
            Check("cudaMemcpy to device", api.Memcpy(device, pin.AddrOfPinnedObject(), bytes, CudaMemcpyKind.HostToDevice));
            nccl.AllReduceSum(device, host.Length, ElementType.Float32);
            Check("cudaMemcpy to host", api.Memcpy(pin.AddrOfPinnedObject(), device, bytes, CudaMemcpyKind.DeviceToHost));
        }
        finally
        {
            pin.Free();
            api.Free(device);
        }
    }

    private void Check(string call, int rc)
    {
        if (rc != 0) throw new HoptException($"{call} failed on rank {nccl.Rank}: {api.CudaErrorString(rc)} ({rc})", ExitCodes.Failed);
    }
}
