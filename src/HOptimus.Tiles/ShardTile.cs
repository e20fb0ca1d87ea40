namespace HOptimus.Tiles;

/// <summary>One tile for <see cref="TileShardWriter.Write"/>: RGB pixels (H*W*3) and where they came from.</summary>
/// <param name="Slide">Index into the shard's slide table.</param>
/// <param name="X">Level-0 x of the tile's top-left corner, px.</param>
/// <param name="Y">Level-0 y of the tile's top-left corner, px.</param>
/// <param name="Rgb">Pixels, row-major RGB.</param>
/// <param name="Label">Class index when the shard has label names; null otherwise.</param>
public sealed record ShardTile(int Slide, long X, long Y, byte[] Rgb, int? Label = null);
