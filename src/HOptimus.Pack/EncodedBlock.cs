using HOptimus.Slides;

namespace HOptimus.Pack;

/// <summary>
/// The encoded tiles of one block, end to end in one buffer that is reused from slide to slide: a raw
/// tile is 150 KB, and a fresh array per tile made the runtime fault in and zero new pages for every
/// tile (7 % of a raw pack's time).
/// </summary>
internal sealed class EncodedBlock
{
    private byte[] _bytes = new byte[1 << 16];
    private readonly List<int> _ends = [];
    private readonly List<GridTile> _tiles = [];

    public int Count => _tiles.Count;

    public void Add(GridTile tile, ReadOnlySpan<byte> encoded)
    {
        var start = _ends.Count == 0 ? 0 : _ends[^1];
        if (start + encoded.Length > _bytes.Length) Array.Resize(ref _bytes, Math.Max(2 * _bytes.Length, start + encoded.Length));
        encoded.CopyTo(_bytes.AsSpan(start));
        _ends.Add(start + encoded.Length);
        _tiles.Add(tile);
    }

    public GridTile Tile(int i) => _tiles[i];

    public ReadOnlySpan<byte> Bytes(int i)
    {
        var start = i == 0 ? 0 : _ends[i - 1];
        return _bytes.AsSpan(start, _ends[i] - start);
    }

    public void Clear()
    {
        _ends.Clear();
        _tiles.Clear();
    }
}
