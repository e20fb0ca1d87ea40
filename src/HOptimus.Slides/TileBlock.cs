namespace HOptimus.Slides;

/// <summary>A rectangle of grid cells read at once, and the kept tiles in it.</summary>
public sealed record TileBlock(int Column0, int Row0, int Columns, int Rows, IReadOnlyList<GridTile> Tiles);
