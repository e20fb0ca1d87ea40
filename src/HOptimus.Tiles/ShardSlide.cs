namespace HOptimus.Tiles;

/// <summary>One row of a shard's /slides table.</summary>
/// <param name="SlideId">Identifier from the slide list.</param>
/// <param name="SourcePath">Path of the slide file as given in the list.</param>
/// <param name="Organ">Organ label from the list ("" when unknown).</param>
/// <param name="Patient">Patient identifier from the list ("" when unknown).</param>
/// <param name="Mpp">Level-0 resolution of the source slide, µm/px.</param>
/// <param name="Level">Pyramid level the tiles were read from.</param>
/// <param name="Downsample">That level's downsample relative to level 0.</param>
public sealed record ShardSlide(string SlideId, string SourcePath, string Organ, string Patient,
                                double Mpp, int Level, double Downsample);
