namespace HOptimus.Tiles;

/// <summary>Reads the stored bytes of one tile of an open shard; implementations serialize their own I/O.</summary>
internal interface ITileSource : IDisposable
{
    byte[] Read(int index);
}
