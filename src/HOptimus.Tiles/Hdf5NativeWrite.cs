using System.Runtime.InteropServices;

namespace HOptimus.Tiles;

/// <summary>The libhdf5 1.10.3+ calls that write a shard (H5Dwrite_chunk appeared in 1.10.3).</summary>
internal static partial class Hdf5Native
{
    public const uint AccessTruncate = 2;               // H5F_ACC_TRUNC
    public const ulong Unlimited = ulong.MaxValue;      // H5S_UNLIMITED
    public const int ScalarSpace = 0;                   // H5S_SCALAR
    public static readonly nuint VariableSize = nuint.MaxValue; // H5T_VARIABLE
    public const int CharSetUtf8 = 1;                   // H5T_CSET_UTF8
    public const int FillTimeNever = 2;                 // H5D_FILL_TIME_NEVER

    public static long Int32 => Global("H5T_STD_I32LE_g");
    public static long Int64 => Global("H5T_STD_I64LE_g");
    public static long Float64 => Global("H5T_IEEE_F64LE_g");
    public static long CString => Global("H5T_C_S1_g");
    public static long DatasetCreateClass => Global("H5P_CLS_DATASET_CREATE_ID_g");

    [LibraryImport(NativeLibraries.Hdf5, StringMarshalling = StringMarshalling.Utf8)]
    public static partial long H5Fcreate(string name, uint flags, long createPlist, long accessPlist);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial long H5Pcreate(long propertyClass);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial int H5Pclose(long plist);
    [LibraryImport(NativeLibraries.Hdf5)] public static unsafe partial int H5Pset_chunk(long plist, int rank, ulong* dims);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial int H5Pset_fill_time(long plist, int fillTime);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial long H5Screate(int type);
    [LibraryImport(NativeLibraries.Hdf5, StringMarshalling = StringMarshalling.Utf8)]
    public static partial long H5Dcreate2(long location, string name, long type, long space, long linkPlist, long createPlist, long accessPlist);
    [LibraryImport(NativeLibraries.Hdf5)] public static unsafe partial int H5Dset_extent(long dataset, ulong* size);
    [LibraryImport(NativeLibraries.Hdf5)]
    public static unsafe partial int H5Dwrite(long dataset, long memType, long memSpace, long fileSpace, long plist, void* buffer);
    [LibraryImport(NativeLibraries.Hdf5)]
    public static unsafe partial int H5Dwrite_chunk(long dataset, long plist, uint filters, ulong* offset, nuint size, void* buffer);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial long H5Tcopy(long type);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial int H5Tset_size(long type, nuint size);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial int H5Tset_cset(long type, int charSet);
    [LibraryImport(NativeLibraries.Hdf5, StringMarshalling = StringMarshalling.Utf8)]
    public static partial long H5Gcreate2(long location, string name, long linkPlist, long createPlist, long accessPlist);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial int H5Gclose(long group);
    [LibraryImport(NativeLibraries.Hdf5, StringMarshalling = StringMarshalling.Utf8)]
    public static partial long H5Acreate2(long location, string name, long type, long space, long createPlist, long accessPlist);
    [LibraryImport(NativeLibraries.Hdf5)] public static unsafe partial int H5Awrite(long attribute, long memType, void* buffer);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial int H5Aclose(long attribute);
}
