using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HOptimus.Distributed.Mpi;

/// <summary>
/// MPI has no bfloat16 type. Gradients in bf16 travel as 16-bit words (half the bytes of an fp32
/// staging copy) and are summed by this user op: fp32 add, round to nearest-even per pairwise sum,
/// the same rounding NCCL applies per ring hop.
/// </summary>
internal static unsafe class MpiBFloat16Sum
{
    public static int Create()
    {
        var rc = MpiNative.MPI_Op_create(&Apply, commute: 1, out var op);
        if (rc != MpiNative.Success) throw new InvalidOperationException($"MPI_Op_create: {MpiNative.ErrorString(rc)}");
        return op;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Apply(void* input, void* inout, int* length, int* datatype) =>
        BFloat16.AddInto((ushort*)input, (ushort*)inout, *length);
}
