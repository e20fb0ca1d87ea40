namespace HOptimus.Slides;

/// <summary>A kept tile: grid cell and level-0 top-left corner.</summary>
public readonly record struct GridTile(int Column, int Row, long X, long Y);
