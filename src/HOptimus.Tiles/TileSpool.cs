using HOptimus.Core;

namespace HOptimus.Tiles;

/// <summary>
/// The PureHDF path, for hosts without libhdf5: encoded tiles are appended to a temp file until the
/// shard is written, because PureHDF must know the tile count before it writes; a slide that fails
/// midway is dropped by truncating the spool, so memory stays at one tile whatever the shard size.
/// The file is deleted on close.
/// </summary>
internal sealed class TileSpool : ITileStore
{
    private readonly FileStream _stream;
    private readonly List<long> _offsets = [];
    private readonly List<int> _lengths = [];

    public TileSpool(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $".spool-{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20,
            FileOptions.DeleteOnClose);
    }

    public int Count => _offsets.Count;
    public long Bytes => _stream.Length;
    public int Length(int index) => _lengths[index];

    public void Append(ReadOnlySpan<byte> bytes)
    {
        _stream.Seek(0, SeekOrigin.End);
        _offsets.Add(_stream.Position);
        _lengths.Add(bytes.Length);
        _stream.Write(bytes);
    }

    public void Truncate(int count)
    {
        if (count >= Count) return;
        _stream.SetLength(_offsets[count]);
        _offsets.RemoveRange(count, Count - count);
        _lengths.RemoveRange(count, _lengths.Count - count);
    }

    /// <summary>Reads tile <paramref name="index"/> into the start of <paramref name="buffer"/>.</summary>
    public Span<byte> Read(int index, byte[] buffer)
    {
        var span = buffer.AsSpan(0, _lengths[index]);
        _stream.Seek(_offsets[index], SeekOrigin.Begin);
        _stream.ReadExactly(span);
        return span;
    }

    public void Commit(string path, ShardContent content) =>
        AtomicFile.Write(path, temp => ShardHdf5Writer.Write(temp, content, this));

    public void Dispose() => _stream.Dispose();
}
