namespace HOptimus.Tiles;

/// <summary>Dataset-wide counts, derived from the shard and slide lists.</summary>
public sealed record ManifestTotals(long Tiles, long Bytes, int Shards, int Slides, int FailedSlides, int Organs, int Patients);

/// <summary>Per-organ counts.</summary>
public sealed record OrganTotals(int Slides, long Tiles, int Patients);
