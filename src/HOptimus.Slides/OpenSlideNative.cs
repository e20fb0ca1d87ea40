using System.Reflection;
using System.Runtime.InteropServices;

namespace HOptimus.Slides;

/// <summary>
/// The OpenSlide 3.4/4.0 C API subset the project needs. Debian ships libopenslide.so.0, newer builds
/// .so.1; HOPTIMUS_OPENSLIDE_LIBRARY names another file (not HOPT_-prefixed: the config loader would
/// take it for a key). OpenSlide handles are thread-safe for reads.
/// </summary>
internal static partial class OpenSlideNative
{
    private const string Library = "hoptimus-openslide";
    private const string EnvironmentVariable = "HOPTIMUS_OPENSLIDE_LIBRARY";
    private static readonly string[] Candidates = ["libopenslide.so.0", "libopenslide.so.1", "libopenslide.so"];

    static OpenSlideNative() =>
        NativeLibrary.SetDllImportResolver(typeof(OpenSlideNative).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library) return IntPtr.Zero;
        var explicitName = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var candidates = string.IsNullOrEmpty(explicitName) ? Candidates : [explicitName];
        foreach (var candidate in candidates)
            if (NativeLibrary.TryLoad(candidate, assembly, path, out var handle)) return handle;
        throw new DllNotFoundException(
            $"OpenSlide: none of {string.Join(", ", candidates)} could be loaded (install libopenslide0 or set {EnvironmentVariable})");
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr openslide_open(string filename);

    [LibraryImport(Library)]
    public static partial void openslide_close(IntPtr osr);

    [LibraryImport(Library)]
    public static partial IntPtr openslide_get_error(IntPtr osr);

    [LibraryImport(Library)]
    public static partial int openslide_get_level_count(IntPtr osr);

    [LibraryImport(Library)]
    public static partial void openslide_get_level_dimensions(IntPtr osr, int level, out long w, out long h);

    [LibraryImport(Library)]
    public static partial double openslide_get_level_downsample(IntPtr osr, int level);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr openslide_get_property_value(IntPtr osr, string name);

    [LibraryImport(Library)]
    public static partial IntPtr openslide_get_property_names(IntPtr osr);

    [LibraryImport(Library)]
    public static unsafe partial void openslide_read_region(IntPtr osr, uint* dest, long x, long y, int level, long w, long h);
}
