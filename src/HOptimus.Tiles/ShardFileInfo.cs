namespace HOptimus.Tiles;

/// <summary>A committed shard as the dataset manifest lists it.</summary>
/// <param name="File">File name relative to the tiles folder.</param>
/// <param name="Tiles">Number of tiles.</param>
/// <param name="Bytes">File size in bytes.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the file.</param>
public sealed record ShardFileInfo(string File, int Tiles, long Bytes, string Sha256);
