using PureHDF;
using PureHDF.Selections;

namespace HOptimus.Tiles;

/// <summary>Tiles through PureHDF: the fallback where libhdf5 does not load (~6 ms per raw tile).</summary>
internal sealed class PureHdfTileSource(string path, IH5Dataset tiles, TileCodecKind codec, int patchSize) : ITileSource
{
    private readonly Lock _lock = new();

    public byte[] Read(int index)
    {
        lock (_lock)
        {
            try
            {
                if (codec == TileCodecKind.Jpeg)
                    return tiles.Read<byte[][]>(fileSelection: new HyperslabSelection(start: (ulong)index, block: 1))[0];
                var p = (ulong)patchSize;
                return tiles.Read<byte[]>(fileSelection: new HyperslabSelection(rank: 4,
                    starts: [(ulong)index, 0, 0, 0], blocks: [1, p, p, 3]));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw Core.HoptException.BadInput($"{path}: cannot read tile {index}: {e.Message}", e);
            }
        }
    }

    public void Dispose()
    {
    }
}
