using System.Reflection;
using System.Runtime.InteropServices;
using HOptimus.Core;

namespace HOptimus.Distributed;

/// <summary>
/// Binds the logical library names of this assembly's P/Invokes ("hopt-mpi", "hopt-nccl",
/// "hopt-cudart") and MPI.NET's "msmpi.dll" to the libraries the options name, so the library is a
/// runtime choice (MPICH, Intel MPI, Cray MPICH...) instead of a compile-time constant. A resolver can
/// be set only once per assembly, hence one table for all.
/// </summary>
internal static class NativeLibraries
{
    public const string Mpi = "hopt-mpi";
    public const string Nccl = "hopt-nccl";
    public const string CudaRuntime = "hopt-cudart";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (string Name, IntPtr Handle)> Loaded = [];
    private static bool _resolversSet;

    /// <summary>Loads <paramref name="library"/> for <paramref name="logicalName"/>; a second call must name the same library.</summary>
    public static void Bind(string logicalName, string library, string hint)
    {
        lock (Gate)
        {
            if (Loaded.TryGetValue(logicalName, out var existing))
            {
                if (existing.Name != library)
                    throw HoptException.Usage($"{logicalName}: '{existing.Name}' is already loaded in this process; cannot switch to '{library}'");
                return;
            }
            if (!NativeLibrary.TryLoad(library, out var handle))
                throw HoptException.Usage($"cannot load '{library}' ({logicalName}): {hint}");
            Loaded[logicalName] = (library, handle);
            if (_resolversSet) return;
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            NativeLibrary.SetDllImportResolver(typeof(MPI.Environment).Assembly, Resolve);
            _resolversSet = true;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        // MPI.NET imports "msmpi.dll" (its Windows origin); on Linux that is the MPICH-ABI library.
        var logical = name.StartsWith("msmpi", StringComparison.OrdinalIgnoreCase) ? Mpi : name;
        lock (Gate)
            return Loaded.TryGetValue(logical, out var lib) ? lib.Handle : IntPtr.Zero;
    }
}
