using System.Buffers;
using System.Runtime.InteropServices;
using HOptimus.Core;

namespace HOptimus.Slides;

/// <summary>
/// An open whole-slide image. Every OpenSlide call is followed by openslide_get_error: once it reports
/// an error the handle is dead, and every later call fails with that message (a HoptException naming
/// the file). Reads are thread-safe (OpenSlide's handles are).
/// </summary>
public sealed class Slide : IDisposable
{
    private IntPtr _handle;
    private readonly (long Width, long Height)[] _dimensions;
    private readonly double[] _downsamples;
    private DirectTiffReader? _direct;

    /// <summary>True when some level can be read without OpenSlide (tests).</summary>
    internal bool HasDirectReader => _direct is not null;

    /// <summary>Regions read without OpenSlide so far (tests).</summary>
    internal long DirectReads => Interlocked.Read(ref _directReads);
    private long _directReads;

    private Slide(string path, IntPtr handle)
    {
        Path = path;
        _handle = handle;
        var levels = OpenSlideNative.openslide_get_level_count(handle);
        CheckError();
        if (levels < 1) throw Fail("no pyramid levels");
        _dimensions = new (long, long)[levels];
        _downsamples = new double[levels];
        for (var l = 0; l < levels; l++)
        {
            OpenSlideNative.openslide_get_level_dimensions(handle, l, out var w, out var h);
            CheckError();
            _dimensions[l] = (w, h);
            _downsamples[l] = OpenSlideNative.openslide_get_level_downsample(handle, l);
            CheckError();
        }
    }

    public string Path { get; }
    public int LevelCount => _dimensions.Length;
    public (long Width, long Height) Dimensions(int level) => _dimensions[level];
    public double Downsample(int level) => _downsamples[level];

    /// <summary>Opens a slide; a missing, empty, foreign or unreadable file is a HoptException saying which.</summary>
    public static Slide Open(string path)
    {
        if (!File.Exists(path)) throw HoptException.BadInput($"{path}: file not found");
        if (new FileInfo(path).Length == 0) throw HoptException.BadInput($"{path}: file is empty (0 bytes)");
        var handle = OpenSlideNative.openslide_open(path);
        if (handle == IntPtr.Zero)
            throw HoptException.BadInput($"{path}: not a slide OpenSlide can read (unknown format, not a slide, or a truncated/corrupt file)");
        var error = OpenSlideNative.openslide_get_error(handle);
        if (error != IntPtr.Zero)
        {
            var message = Marshal.PtrToStringUTF8(error);
            OpenSlideNative.openslide_close(handle);
            throw HoptException.BadInput($"{path}: OpenSlide cannot read it: {message}");
        }
        try
        {
            var slide = new Slide(path, handle);
            slide._direct = DirectTiffReader.TryOpen(path, slide._dimensions);
            return slide;
        }
        catch
        {
            OpenSlideNative.openslide_close(handle);
            throw;
        }
    }

    /// <summary>A slide property (openslide.mpp-x, aperio.MPP, tiff.XResolution…), or null.</summary>
    public string? Property(string name)
    {
        var value = OpenSlideNative.openslide_get_property_value(Handle, name);
        CheckError();
        return value == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(value);
    }

    /// <summary>All property names.</summary>
    public IReadOnlyList<string> PropertyNames()
    {
        var array = OpenSlideNative.openslide_get_property_names(Handle);
        CheckError();
        var names = new List<string>();
        for (var p = array; Marshal.ReadIntPtr(p) != IntPtr.Zero; p += IntPtr.Size)
            names.Add(Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(p))!);
        return names;
    }

    /// <summary>
    /// Reads a w×h region of <paramref name="level"/> whose top-left is (x, y) in LEVEL-0 pixels, as RGB
    /// (3 bytes per pixel, row-major). Transparent pixels (outside the scanned area) become white.
    /// </summary>
    public void ReadRegionRgb(long x, long y, int level, int width, int height, Span<byte> rgb)
    {
        var count = checked(width * height);
        if (rgb.Length < 3 * count) throw new ArgumentException($"buffer holds {rgb.Length} bytes, need {3 * count}");
        if (DirectRead && _direct is not null && LevelPixel(x, level) is long lx && LevelPixel(y, level) is long ly &&
            _direct.TryRead(level, lx, ly, width, height, rgb))
        {
            Interlocked.Increment(ref _directReads);
            return;
        }
        var argb = ArrayPool<uint>.Shared.Rent(count);
        try
        {
            ReadRegionArgb(x, y, level, width, height, argb.AsSpan(0, count));
            PixelConversion.PremultipliedArgbToRgb(argb.AsSpan(0, count), rgb);
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(argb);
        }
    }

    /// <summary>Premultiplied ARGB as OpenSlide returns it.</summary>
    public unsafe void ReadRegionArgb(long x, long y, int level, int width, int height, Span<uint> argb)
    {
        if ((uint)level >= (uint)LevelCount) throw new ArgumentOutOfRangeException(nameof(level), level, $"{LevelCount} levels");
        if (argb.Length < width * height) throw new ArgumentException("buffer too small");
        fixed (uint* dest = argb)
            OpenSlideNative.openslide_read_region(Handle, dest, x, y, level, width, height);
        CheckError($"reading {width}x{height} at level {level}, level-0 ({x}, {y})");
    }

    /// <summary>
    /// Whether JPEG-tiled TIFF levels are read without OpenSlide (<see cref="DirectTiffReader"/>); on by
    /// default, off to compare the two paths.
    /// </summary>
    public bool DirectRead { get; set; } = true;

    /// <summary>Level-0 coordinate <paramref name="x"/> in <paramref name="level"/>'s pixels when it falls on a whole pixel (as
    /// OpenSlide then draws the level unresampled), else null.</summary>
    private long? LevelPixel(long x, int level)
    {
        var ds = _downsamples[level];
        var l = (long)Math.Round(x / ds);
        return level == 0 ? x : l * ds == x ? l : null;
    }

    /// <summary>The coarsest level whose downsample does not exceed <paramref name="downsample"/> (level 0 if none).</summary>
    public int BestLevelAtMost(double downsample)
    {
        var best = 0;
        for (var l = 1; l < LevelCount; l++)
            if (_downsamples[l] <= downsample && _downsamples[l] > _downsamples[best]) best = l;
        return best;
    }

    private IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(Path);

    private void CheckError(string? doing = null)
    {
        var error = OpenSlideNative.openslide_get_error(_handle);
        if (error == IntPtr.Zero) return;
        throw Fail((doing is null ? "" : doing + ": ") + Marshal.PtrToStringUTF8(error));
    }

    private HoptException Fail(string message) => HoptException.BadInput($"{Path}: OpenSlide error: {message}");

    public void Dispose()
    {
        if (_handle == IntPtr.Zero) return;
        _direct?.Dispose();
        OpenSlideNative.openslide_close(_handle);
        _handle = IntPtr.Zero;
    }
}
