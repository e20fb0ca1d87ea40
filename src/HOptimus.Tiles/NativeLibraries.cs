using System.Reflection;
using System.Runtime.InteropServices;

namespace HOptimus.Tiles;

/// <summary>
/// Maps the logical native library names of this assembly to the sonames found on Debian and on
/// clusters (module load hdf5 ships libhdf5.so.200/310, not Debian's serial flavour). An environment
/// variable names the file explicitly; it is not HOPT_-prefixed so the config loader never sees it.
/// </summary>
internal static class NativeLibraries
{
    public const string Hdf5 = "hoptimus-hdf5";
    public const string TurboJpeg = "hoptimus-turbojpeg";

    private static readonly Dictionary<string, (string Env, string[] Candidates)> Known = new()
    {
        [Hdf5] = ("HOPTIMUS_HDF5_LIBRARY",
            ["libhdf5_serial.so.103", "libhdf5.so.103", "libhdf5.so.200", "libhdf5.so.310", "libhdf5.so"]),
        [TurboJpeg] = ("HOPTIMUS_TURBOJPEG_LIBRARY", ["libturbojpeg.so.0", "libturbojpeg.so"]),
    };

    private static int _installed;

    public static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
    }

    /// <summary>The loaded libhdf5, to look up its exported global variables.</summary>
    public static IntPtr Hdf5Handle() => Load(Hdf5, typeof(NativeLibraries).Assembly, null);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        Known.ContainsKey(name) ? Load(name, assembly, path) : IntPtr.Zero;

    private static IntPtr Load(string name, Assembly assembly, DllImportSearchPath? path)
    {
        var entry = Known[name];
        var explicitName = Environment.GetEnvironmentVariable(entry.Env);
        var candidates = string.IsNullOrEmpty(explicitName) ? entry.Candidates : [explicitName];
        foreach (var candidate in candidates)
            if (NativeLibrary.TryLoad(candidate, assembly, path, out var handle)) return handle;
        throw new DllNotFoundException(
            $"{name}: none of {string.Join(", ", candidates)} could be loaded (set {entry.Env} to the library file)");
    }
}
