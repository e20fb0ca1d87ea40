using System.Runtime.InteropServices;
using HOptimus.Core;

namespace HOptimus.Tiles;

/// <summary>
/// Writes everything of a shard but the tiles through libhdf5, with the types the PureHDF writer uses
/// (little-endian int32/int64/float64, variable-length UTF-8 strings, scalar attributes), so readers
/// cannot tell the two writers apart. The caller holds <see cref="Hdf5Native.Lock"/>.
/// </summary>
internal static unsafe class Hdf5MetadataWriter
{
    public static void Write(long file, ShardContent content)
    {
        var header = content.Header;
        var xy = content.Xy.ToArray();
        Dataset(file, ShardLayout.Coords, Hdf5Native.Int64, xy.AsSpan(), (ulong)xy.Length / 2, 2);
        Dataset(file, ShardLayout.Slide, Hdf5Native.Int32, content.SlideOfTile.ToArray().AsSpan(), (ulong)content.SlideOfTile.Count);
        if (content.Labels is not null)
        {
            Dataset(file, ShardLayout.Labels, Hdf5Native.Int32, content.Labels.ToArray().AsSpan(), (ulong)content.Labels.Count);
            var labels = Hdf5Native.Check(Hdf5Native.H5Dopen2(file, ShardLayout.Labels, Hdf5Native.Default), "H5Dopen2 labels");
            try
            {
                Strings(labels, ShardLayout.LabelNamesAttr, header.LabelNames!, attribute: true);
            }
            finally
            {
                Hdf5Native.H5Dclose(labels);
            }
        }
        SlideTable(file, content.Slides);
        Attribute(file, ShardLayout.PatchSizeAttr, Hdf5Native.Int32, header.PatchSize);
        Attribute(file, ShardLayout.TargetMppAttr, Hdf5Native.Float64, header.TargetMpp);
        Strings(file, ShardLayout.CodecAttr, [header.Codec.ToAttribute()], attribute: true, scalar: true);
        Attribute(file, ShardLayout.JpegQualityAttr, Hdf5Native.Int32, header.JpegQuality);
        Attribute(file, ShardLayout.FormatVersionAttr, Hdf5Native.Int32, ShardHeader.FormatVersion);
        Strings(file, ShardLayout.WriterVersionAttr, [$"HOptimus.Tiles {BuildInfo.Version}"], attribute: true, scalar: true);
    }

    private static void SlideTable(long file, IReadOnlyList<ShardSlide> slides)
    {
        var group = Hdf5Native.Check(Hdf5Native.H5Gcreate2(file, ShardLayout.Slides, Hdf5Native.Default, Hdf5Native.Default, Hdf5Native.Default), "H5Gcreate2");
        try
        {
            var n = (ulong)slides.Count;
            Strings(group, ShardLayout.SlideId, slides.Select(s => s.SlideId).ToList());
            Strings(group, ShardLayout.Path, slides.Select(s => s.SourcePath).ToList());
            Strings(group, ShardLayout.Organ, slides.Select(s => s.Organ).ToList());
            Strings(group, ShardLayout.Patient, slides.Select(s => s.Patient).ToList());
            Dataset(group, ShardLayout.Mpp, Hdf5Native.Float64, slides.Select(s => s.Mpp).ToArray().AsSpan(), n);
            Dataset(group, ShardLayout.Level, Hdf5Native.Int32, slides.Select(s => s.Level).ToArray().AsSpan(), n);
            Dataset(group, ShardLayout.Downsample, Hdf5Native.Float64, slides.Select(s => s.Downsample).ToArray().AsSpan(), n);
        }
        finally
        {
            Hdf5Native.H5Gclose(group);
        }
    }

    /// <summary>A contiguous dataset of [rows] or [rows, columns].</summary>
    private static void Dataset<T>(long location, string name, long type, ReadOnlySpan<T> values, ulong rows, ulong columns = 0)
        where T : unmanaged
    {
        var dims = stackalloc ulong[] { rows, columns };
        var space = Hdf5Native.Check(Hdf5Native.H5Screate_simple(columns == 0 ? 1 : 2, dims, null), "H5Screate_simple");
        try
        {
            var dataset = Hdf5Native.Check(Hdf5Native.H5Dcreate2(location, name, type, space, Hdf5Native.Default, Hdf5Native.Default, Hdf5Native.Default), $"H5Dcreate2 {name}");
            try
            {
                fixed (T* data = values)
                    Hdf5Native.Check(Hdf5Native.H5Dwrite(dataset, type, Hdf5Native.Default, Hdf5Native.Default, Hdf5Native.Default, data), $"H5Dwrite {name}");
            }
            finally
            {
                Hdf5Native.H5Dclose(dataset);
            }
        }
        finally
        {
            Hdf5Native.H5Sclose(space);
        }
    }

    private static void Attribute<T>(long location, string name, long type, T value) where T : unmanaged
    {
        var space = Hdf5Native.Check(Hdf5Native.H5Screate(Hdf5Native.ScalarSpace), "H5Screate");
        try
        {
            var attribute = Hdf5Native.Check(Hdf5Native.H5Acreate2(location, name, type, space, Hdf5Native.Default, Hdf5Native.Default), $"H5Acreate2 {name}");
            try
            {
                Hdf5Native.Check(Hdf5Native.H5Awrite(attribute, type, &value), $"H5Awrite {name}");
            }
            finally
            {
                Hdf5Native.H5Aclose(attribute);
            }
        }
        finally
        {
            Hdf5Native.H5Sclose(space);
        }
    }

    /// <summary>Variable-length UTF-8 strings as a dataset or an attribute (scalar when asked: one value).</summary>
    private static void Strings(long location, string name, IReadOnlyList<string> values, bool attribute = false, bool scalar = false)
    {
        var type = Hdf5Native.Check(Hdf5Native.H5Tcopy(Hdf5Native.CString), "H5Tcopy");
        var pointers = values.Select(v => Marshal.StringToCoTaskMemUTF8(v)).ToArray();
        var count = (ulong)values.Count;
        var space = -1L;
        try
        {
            Hdf5Native.Check(Hdf5Native.H5Tset_size(type, Hdf5Native.VariableSize), "H5Tset_size");
            Hdf5Native.Check(Hdf5Native.H5Tset_cset(type, Hdf5Native.CharSetUtf8), "H5Tset_cset");
            space = Hdf5Native.Check(scalar ? Hdf5Native.H5Screate(Hdf5Native.ScalarSpace) : Hdf5Native.H5Screate_simple(1, &count, null), "H5Screate");
            fixed (IntPtr* data = pointers)
            {
                if (attribute)
                {
                    var a = Hdf5Native.Check(Hdf5Native.H5Acreate2(location, name, type, space, Hdf5Native.Default, Hdf5Native.Default), $"H5Acreate2 {name}");
                    try { Hdf5Native.Check(Hdf5Native.H5Awrite(a, type, data), $"H5Awrite {name}"); }
                    finally { Hdf5Native.H5Aclose(a); }
                }
                else
                {
                    var d = Hdf5Native.Check(Hdf5Native.H5Dcreate2(location, name, type, space, Hdf5Native.Default, Hdf5Native.Default, Hdf5Native.Default), $"H5Dcreate2 {name}");
                    try { Hdf5Native.Check(Hdf5Native.H5Dwrite(d, type, Hdf5Native.Default, Hdf5Native.Default, Hdf5Native.Default, data), $"H5Dwrite {name}"); }
                    finally { Hdf5Native.H5Dclose(d); }
                }
            }
        }
        finally
        {
            if (space >= 0) Hdf5Native.H5Sclose(space);
            Hdf5Native.H5Tclose(type);
            foreach (var p in pointers) Marshal.FreeCoTaskMem(p);
        }
    }
}
