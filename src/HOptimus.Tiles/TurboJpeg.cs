using System.Runtime.InteropServices;

namespace HOptimus.Tiles;

/// <summary>The TurboJPEG 2.x C API (libturbojpeg0 on Debian), the subset the codec needs.</summary>
internal static partial class TurboJpeg
{
    public const int PixelFormatRgb = 0;     // TJPF_RGB
    public const int Subsampling444 = 0;     // TJSAMP_444
    public const int FlagAccurateDct = 4096; // TJFLAG_ACCURATEDCT

    static TurboJpeg() => NativeLibraries.EnsureResolver();

    [LibraryImport(NativeLibraries.TurboJpeg)]
    public static partial IntPtr tjInitCompress();

    [LibraryImport(NativeLibraries.TurboJpeg)]
    public static partial IntPtr tjInitDecompress();

    [LibraryImport(NativeLibraries.TurboJpeg)]
    public static partial int tjDestroy(IntPtr handle);

    [LibraryImport(NativeLibraries.TurboJpeg)]
    public static unsafe partial int tjCompress2(IntPtr handle, byte* srcBuf, int width, int pitch, int height,
        int pixelFormat, ref IntPtr jpegBuf, ref nuint jpegSize, int jpegSubsamp, int jpegQual, int flags);

    [LibraryImport(NativeLibraries.TurboJpeg)]
    public static unsafe partial int tjDecompress2(IntPtr handle, byte* jpegBuf, nuint jpegSize, byte* dstBuf,
        int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(NativeLibraries.TurboJpeg)]
    public static unsafe partial int tjDecompressHeader3(IntPtr handle, byte* jpegBuf, nuint jpegSize,
        out int width, out int height, out int jpegSubsamp, out int jpegColorspace);

    [LibraryImport(NativeLibraries.TurboJpeg)]
    public static partial void tjFree(IntPtr buffer);

    [LibraryImport(NativeLibraries.TurboJpeg)]
    public static partial IntPtr tjGetErrorStr2(IntPtr handle);

    public static string Error(IntPtr handle) => Marshal.PtrToStringUTF8(tjGetErrorStr2(handle)) ?? "unknown error";
}
