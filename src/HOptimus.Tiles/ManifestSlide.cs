namespace HOptimus.Tiles;

/// <summary>A slide that was packed: where its tiles are and what it is.</summary>
/// <param name="SlideId">Identifier from the slide list.</param>
/// <param name="Path">Source slide path.</param>
/// <param name="Organ">Organ ("" when unknown).</param>
/// <param name="Patient">Patient id ("" when unknown).</param>
/// <param name="Mpp">Source level-0 µm/px.</param>
/// <param name="MppSource">Where the mpp came from (openslide.mpp-x, tiff resolution, list, override…).</param>
/// <param name="Tiles">Tiles kept.</param>
/// <param name="Shard">Shard file holding them (null when the slide kept no tile).</param>
/// <param name="Task">Array task that packed it.</param>
public sealed record ManifestSlide(string SlideId, string Path, string Organ, string Patient, double Mpp,
                                   string MppSource, int Tiles, string? Shard, int Task);
