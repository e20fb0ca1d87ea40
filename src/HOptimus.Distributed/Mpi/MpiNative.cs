using System.Runtime.InteropServices;

namespace HOptimus.Distributed.Mpi;

/// <summary>
/// The MPI calls MPI.NET's managed API cannot make on raw pointers, bound by P/Invoke to the same
/// library. Handles are MPICH-ABI integers, checked against /usr/include/x86_64-linux-gnu/mpich/mpi.h
/// (MPICH 4.0.2); Intel MPI, Cray MPICH and MVAPICH share that ABI, Open MPI does not.
/// </summary>
internal static unsafe class MpiNative
{
    public const int Success = 0;
    public const int CommWorld = 0x44000000;
    public const int CommNull = 0x04000000;
    public const int OpNull = 0x18000000;
    public const int ErrorsReturn = 0x54000001;
    public const int Byte = 0x4c00010d;
    public const int Int = 0x4c000405;
    public const int Int64 = 0x4c00083a;
    public const int UInt16 = 0x4c00023c;
    public const int Float = 0x4c00040a;
    public const int Double = 0x4c00080b;
    public const int Sum = 0x58000003;
    public const int MaxErrorString = 512;
    public const int MaxLibraryVersionString = 8192;
    public static readonly IntPtr InPlace = -1;

    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Comm_rank(int comm, out int rank);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Comm_size(int comm, out int size);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Comm_dup(int comm, out int newComm);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Comm_free(ref int comm);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Comm_set_errhandler(int comm, int errhandler);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Allreduce(IntPtr send, IntPtr receive, int count, int datatype, int op, int comm);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Bcast(IntPtr buffer, int count, int datatype, int root, int comm);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Reduce_scatter_block(IntPtr send, IntPtr receive, int receiveCount, int datatype, int op, int comm);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Allgather(IntPtr send, int sendCount, int sendType, IntPtr receive, int receiveCount, int receiveType, int comm);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Barrier(int comm);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Abort(int comm, int errorCode);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Op_create(delegate* unmanaged[Cdecl]<void*, void*, int*, int*, void> function, int commute, out int op);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Op_free(ref int op);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Error_string(int errorCode, byte* text, out int length);
    [DllImport(NativeLibraries.Mpi)] public static extern int MPI_Get_library_version(byte* text, out int length);

    public static string ErrorString(int code)
    {
        var text = stackalloc byte[MaxErrorString];
        return MPI_Error_string(code, text, out var length) == Success
            ? System.Text.Encoding.ASCII.GetString(text, length).Trim()
            : $"MPI error {code}";
    }

    public static string LibraryVersion()
    {
        var text = new byte[MaxLibraryVersionString];
        fixed (byte* p = text)
            return MPI_Get_library_version(p, out var length) == Success
                ? System.Text.Encoding.ASCII.GetString(p, length).Split('\n')[0].Trim()
                : "unknown";
    }

    public static int Datatype(ElementType type) => type switch
    {
        ElementType.Float32 => Float,
        ElementType.Float64 => Double,
        ElementType.Int32 => Int,
        ElementType.Int64 => Int64,
        ElementType.Byte => Byte,
        ElementType.BFloat16 => UInt16, // summed by MpiBFloat16Sum, never by MPI_SUM
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
