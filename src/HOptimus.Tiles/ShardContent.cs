namespace HOptimus.Tiles;

/// <summary>Everything of a shard except the tile bytes, handed from the writer to the HDF5 encoder.</summary>
/// <param name="Xy">Level-0 coordinates, interleaved x0, y0, x1, y1, …</param>
/// <param name="Labels">One class index per tile, or null when the shard has no labels.</param>
internal sealed record ShardContent(ShardHeader Header, IReadOnlyList<ShardSlide> Slides, IReadOnlyList<long> Xy,
                                    IReadOnlyList<int> SlideOfTile, IReadOnlyList<int>? Labels);
