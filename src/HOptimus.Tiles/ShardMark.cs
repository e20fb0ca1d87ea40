namespace HOptimus.Tiles;

/// <summary>A point in a shard being written, to roll back a slide that failed midway.</summary>
public readonly record struct ShardMark(int Tiles, int Slides);
