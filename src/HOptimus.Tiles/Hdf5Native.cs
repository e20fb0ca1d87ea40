using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace HOptimus.Tiles;

/// <summary>
/// The libhdf5 1.10+ C API subset for reading tiles (hid_t is 64-bit since 1.10; writing is in Hdf5NativeWrite.cs). Debian's and most
/// clusters' builds are not thread-safe, so every call goes through <see cref="Lock"/>.
/// </summary>
internal static partial class Hdf5Native
{
    public static readonly Lock Lock = new();
    public const long Default = 0;          // H5P_DEFAULT, H5E_DEFAULT
    public const uint AccessReadOnly = 0;   // H5F_ACC_RDONLY
    public const int SelectSet = 0;         // H5S_SELECT_SET

    private static readonly Lazy<bool> Opened = new(() =>
    {
        Check(H5open(), "H5open");
        // Silence libhdf5's own stderr dump: failures are reported once, as HoptException, by the caller.
        H5Eset_auto2(Default, IntPtr.Zero, IntPtr.Zero);
        return true;
    });

    static Hdf5Native() => NativeLibraries.EnsureResolver();

    /// <summary>H5T_NATIVE_UINT8 (a global variable in libhdf5, valid after H5open).</summary>
    public static long UInt8 => Global("H5T_NATIVE_UINT8_g");

    private static readonly ConcurrentDictionary<string, long> Globals = new();

    /// <summary>
    /// A predefined id (type or property list class): libhdf5's macros for these read global variables
    /// that H5open initialises, so they are looked up by name after it, once (raw tile reads ask per tile).
    /// </summary>
    public static long Global(string name) => Globals.GetOrAdd(name, n =>
    {
        _ = Opened.Value;
        return Marshal.ReadInt64(NativeLibrary.GetExport(NativeLibraries.Hdf5Handle(), n));
    });

    /// <summary>True when libhdf5 loads; otherwise the reader falls back to PureHDF.</summary>
    public static bool TryInitialize(out string? error)
    {
        try
        {
            _ = UInt8;
            error = null;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            error = e.Message;
            return false;
        }
    }

    public static long Check(long result, string call) =>
        result < 0 ? throw new InvalidOperationException($"{call} failed") : result;

    [StructLayout(LayoutKind.Sequential)]
    public struct VarLen
    {
        public nuint Length;
        public IntPtr Pointer;
    }

    [LibraryImport(NativeLibraries.Hdf5)] public static partial int H5open();
    [LibraryImport(NativeLibraries.Hdf5)] public static partial int H5Eset_auto2(long stack, IntPtr func, IntPtr data);
    [LibraryImport(NativeLibraries.Hdf5, StringMarshalling = StringMarshalling.Utf8)]
    public static partial long H5Fopen(string name, uint flags, long accessPlist);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial int H5Fclose(long file);
    [LibraryImport(NativeLibraries.Hdf5, StringMarshalling = StringMarshalling.Utf8)]
    public static partial long H5Dopen2(long file, string name, long accessPlist);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial int H5Dclose(long dataset);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial long H5Dget_space(long dataset);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial int H5Sclose(long space);
    [LibraryImport(NativeLibraries.Hdf5)]
    public static unsafe partial long H5Screate_simple(int rank, ulong* dims, ulong* maxDims);
    [LibraryImport(NativeLibraries.Hdf5)]
    public static unsafe partial int H5Sselect_hyperslab(long space, int op, ulong* start, ulong* stride, ulong* count, ulong* block);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial long H5Tvlen_create(long baseType);
    [LibraryImport(NativeLibraries.Hdf5)] public static partial int H5Tclose(long type);
    [LibraryImport(NativeLibraries.Hdf5)]
    public static unsafe partial int H5Dread(long dataset, long memType, long memSpace, long fileSpace, long plist, void* buffer);
    [LibraryImport(NativeLibraries.Hdf5)]
    public static unsafe partial int H5Dvlen_reclaim(long type, long space, long plist, void* buffer);
}
