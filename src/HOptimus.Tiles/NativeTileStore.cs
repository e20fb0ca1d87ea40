using HOptimus.Core;

namespace HOptimus.Tiles;

/// <summary>
/// The libhdf5 path: tiles go straight into the shard's temp file as they come, in a dataset that grows,
/// and <see cref="Commit"/> adds the metadata, closes and renames it. Each tile is written once (the
/// PureHDF path writes it to a spool and again at commit, serially, after the last slide), raw tiles as
/// whole chunks with H5Dwrite_chunk, JPEG blobs in batches of variable-length elements. A slide that
/// fails midway is dropped by moving the end back: its tiles are overwritten or cut off at commit.
/// </summary>
internal sealed unsafe class NativeTileStore : ITileStore
{
    /// <summary>JPEG tiles per H5Dwrite (~1 MB).</summary>
    private const int VarLenBatch = 64;

    private readonly string _temp;
    private readonly ShardHeader _header;
    private readonly int _rank;
    private readonly List<int> _lengths = [];
    private readonly List<int> _pendingOffsets = [];
    private byte[] _pending = new byte[1 << 20];
    private int _pendingBytes;
    private int _written;
    private ulong _capacity;
    private long _file = -1, _tiles = -1, _varLen = -1;

    public NativeTileStore(string temp, ShardHeader header)
    {
        _temp = temp;
        _header = header;
        _rank = header.Codec == TileCodecKind.Raw ? 4 : 1;
        lock (Hdf5Native.Lock)
        {
            try
            {
                _file = Hdf5Native.Check(Hdf5Native.H5Fcreate(temp, Hdf5Native.AccessTruncate, Hdf5Native.Default, Hdf5Native.Default), "H5Fcreate");
                CreateTiles();
            }
            catch
            {
                Close();
                throw;
            }
        }
    }

    public int Count => _lengths.Count;
    public long Bytes { get; private set; }

    public void Append(ReadOnlySpan<byte> encoded)
    {
        if (_header.Codec == TileCodecKind.Raw)
        {
            lock (Hdf5Native.Lock)
            {
                Grow((ulong)_written + 1);
                var offset = stackalloc ulong[] { (ulong)_written, 0, 0, 0 };
                fixed (byte* data = encoded)
                    Hdf5Native.Check(Hdf5Native.H5Dwrite_chunk(_tiles, Hdf5Native.Default, 0, offset, (nuint)encoded.Length, data), "H5Dwrite_chunk");
            }
            _written++;
        }
        else
        {
            if (_pendingBytes + encoded.Length > _pending.Length) Array.Resize(ref _pending, Math.Max(2 * _pending.Length, _pendingBytes + encoded.Length));
            encoded.CopyTo(_pending.AsSpan(_pendingBytes));
            _pendingOffsets.Add(_pendingBytes);
            _pendingBytes += encoded.Length;
        }
        _lengths.Add(encoded.Length);
        Bytes += encoded.Length;
        if (_pendingOffsets.Count == VarLenBatch) FlushVarLen();
    }

    public void Truncate(int count)
    {
        if (count >= Count) return;
        Bytes -= _lengths.Skip(count).Sum(l => (long)l);
        _lengths.RemoveRange(count, _lengths.Count - count);
        if (count >= _written)
        {
            var keep = count - _written;
            _pendingBytes = keep < _pendingOffsets.Count ? _pendingOffsets[keep] : _pendingBytes;
            _pendingOffsets.RemoveRange(keep, _pendingOffsets.Count - keep);
        }
        else
        {
            _pendingOffsets.Clear();
            _pendingBytes = 0;
            _written = count;
        }
    }

    public void Commit(string path, ShardContent content)
    {
        FlushVarLen();
        lock (Hdf5Native.Lock)
        {
            SetExtent((ulong)_written);
            Hdf5MetadataWriter.Write(_file, content);
            Close(check: true);
        }
        AtomicFile.MoveIntoPlace(_temp, path);
    }

    private void CreateTiles()
    {
        var p = (ulong)_header.PatchSize;
        var dims = stackalloc ulong[] { 0, p, p, 3 };
        var max = stackalloc ulong[] { Hdf5Native.Unlimited, p, p, 3 };
        var chunk = stackalloc ulong[] { 1, p, p, 3 };
        var space = Hdf5Native.Check(Hdf5Native.H5Screate_simple(_rank, dims, max), "H5Screate_simple");
        var create = Hdf5Native.Check(Hdf5Native.H5Pcreate(Hdf5Native.DatasetCreateClass), "H5Pcreate");
        try
        {
            Hdf5Native.Check(Hdf5Native.H5Pset_chunk(create, _rank, chunk), "H5Pset_chunk");
            Hdf5Native.Check(Hdf5Native.H5Pset_fill_time(create, Hdf5Native.FillTimeNever), "H5Pset_fill_time");
            _varLen = _header.Codec == TileCodecKind.Jpeg ? Hdf5Native.Check(Hdf5Native.H5Tvlen_create(Hdf5Native.UInt8), "H5Tvlen_create") : -1;
            var type = _varLen >= 0 ? _varLen : Hdf5Native.UInt8;
            _tiles = Hdf5Native.Check(Hdf5Native.H5Dcreate2(_file, ShardLayout.Tiles, type, space, Hdf5Native.Default, create, Hdf5Native.Default), "H5Dcreate2 tiles");
        }
        finally
        {
            Hdf5Native.H5Pclose(create);
            Hdf5Native.H5Sclose(space);
        }
    }

    private void FlushVarLen()
    {
        var n = _pendingOffsets.Count;
        if (n == 0) return;
        var elements = new Hdf5Native.VarLen[n];
        fixed (byte* bytes = _pending)
        fixed (Hdf5Native.VarLen* data = elements)
        {
            for (var i = 0; i < n; i++)
            {
                var end = i + 1 < n ? _pendingOffsets[i + 1] : _pendingBytes;
                elements[i] = new Hdf5Native.VarLen { Length = (nuint)(end - _pendingOffsets[i]), Pointer = (IntPtr)(bytes + _pendingOffsets[i]) };
            }
            lock (Hdf5Native.Lock)
            {
                Grow((ulong)(_written + n));
                var start = (ulong)_written;
                var count = (ulong)n;
                var fileSpace = Hdf5Native.Check(Hdf5Native.H5Dget_space(_tiles), "H5Dget_space");
                var memSpace = Hdf5Native.Check(Hdf5Native.H5Screate_simple(1, &count, null), "H5Screate_simple");
                try
                {
                    Hdf5Native.Check(Hdf5Native.H5Sselect_hyperslab(fileSpace, Hdf5Native.SelectSet, &start, null, &count, null), "H5Sselect_hyperslab");
                    Hdf5Native.Check(Hdf5Native.H5Dwrite(_tiles, _varLen, memSpace, fileSpace, Hdf5Native.Default, data), "H5Dwrite tiles");
                }
                finally
                {
                    Hdf5Native.H5Sclose(memSpace);
                    Hdf5Native.H5Sclose(fileSpace);
                }
            }
        }
        _written += n;
        _pendingOffsets.Clear();
        _pendingBytes = 0;
    }

    /// <summary>Extends the dataset by doubling, so a shard of n tiles costs log n extensions; Commit cuts it to size.</summary>
    private void Grow(ulong needed)
    {
        if (needed <= _capacity) return;
        SetExtent(Math.Max(needed, Math.Max(2 * _capacity, 256)));
    }

    private void SetExtent(ulong rows)
    {
        var p = (ulong)_header.PatchSize;
        var size = stackalloc ulong[] { rows, p, p, 3 };
        Hdf5Native.Check(Hdf5Native.H5Dset_extent(_tiles, size), "H5Dset_extent");
        _capacity = rows;
    }

    /// <summary>Closes what is open; on commit a failed close (data not flushed) is an error.</summary>
    private void Close(bool check = false)
    {
        if (_varLen >= 0) Hdf5Native.H5Tclose(_varLen);
        if (_tiles >= 0) Hdf5Native.H5Dclose(_tiles);
        var closed = _file < 0 ? 0 : Hdf5Native.H5Fclose(_file);
        (_varLen, _tiles, _file) = (-1, -1, -1);
        if (check) Hdf5Native.Check(closed, "H5Fclose");
    }

    public void Dispose()
    {
        lock (Hdf5Native.Lock) Close();
        if (File.Exists(_temp)) File.Delete(_temp);
    }
}
