namespace HOptimus.Tiles;

/// <summary>Where a shard's encoded tiles wait until <see cref="Commit"/> makes the shard file appear whole.</summary>
internal interface ITileStore : IDisposable
{
    int Count { get; }
    /// <summary>Encoded tile bytes held.</summary>
    long Bytes { get; }
    void Append(ReadOnlySpan<byte> encoded);
    /// <summary>Forgets every tile from index <paramref name="count"/> on (a slide that failed midway).</summary>
    void Truncate(int count);
    /// <summary>Writes the shard with <paramref name="content"/>'s metadata under a temp name and renames it to <paramref name="path"/>.</summary>
    void Commit(string path, ShardContent content);
}
