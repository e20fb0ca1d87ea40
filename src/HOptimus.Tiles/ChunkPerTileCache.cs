using PureHDF.VOL.Native;

namespace HOptimus.Tiles;

/// <summary>
/// A PureHDF writing cache that holds one chunk (one tile) and writes it as soon as the writer says
/// it is complete, so a shard's memory stays at one tile instead of every chunk until dispose
/// (PureHDF's default cache: 600 tiles = 320 MB RSS).
/// Two quirks of PureHDF 2.2.0 shape it: the chunk writer handed to GetChunk always writes to the
/// chunk of that call (so each chunk is written with its own call's writer, kept until then), and copying a
/// 150 KB hyperslab element by element costs ~5 ms, so raw tiles are copied straight into the chunk
/// (<see cref="Fill"/>) after PureHDF touched one element of it.
/// </summary>
internal sealed class ChunkPerTileCache : IWritingChunkCache
{
    private ulong _index;
    private Memory<byte> _chunk;
    private Action<ulong, Memory<byte>>? _writer;

    public Memory<byte> GetChunk(ulong chunkIndex, Func<Memory<byte>> chunkAllocator, Action<ulong, Memory<byte>> chunkWriter)
    {
        if (_writer is not null && _index == chunkIndex) return _chunk;
        // A new chunk means the previous one is complete (PureHDF fills chunks in order).
        WritePending();
        _index = chunkIndex;
        _chunk = chunkAllocator();
        _writer = chunkWriter;
        return _chunk;
    }

    /// <summary>Overwrites the pending chunk with <paramref name="bytes"/> (exactly one chunk).</summary>
    public void Fill(ReadOnlySpan<byte> bytes)
    {
        if (_writer is null) throw new InvalidOperationException("no pending chunk to fill");
        if (bytes.Length != _chunk.Length)
            throw new ArgumentException($"chunk is {_chunk.Length} bytes, got {bytes.Length}");
        bytes.CopyTo(_chunk.Span);
    }

    public void WritePending()
    {
        if (_writer is null) return;
        _writer(_index, _chunk);
        _writer = null;
        _chunk = default;
    }

    public void Flush(Action<ulong, Memory<byte>> chunkWriter) => WritePending();
}
