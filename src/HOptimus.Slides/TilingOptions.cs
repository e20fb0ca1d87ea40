using HOptimus.Core;

namespace HOptimus.Slides;

/// <summary>How slides are cut into tiles.</summary>
public sealed record TilingOptions : IValidatable
{
    /// <summary>Tile resolution, µm/px (default 0.5, H-optimus-1's input).</summary>
    public double TargetMpp { get; init; } = 0.5;
    /// <summary>Tile side, px (default 224).</summary>
    public int PatchSize { get; init; } = 224;
    /// <summary>A tile is kept when at least this fraction of it is tissue, 0..1 (default 0.5).</summary>
    public double MinTissueFraction { get; init; } = 0.5;
    /// <summary>A level is read directly when its downsample is within this relative distance of the wanted one (default 0.01); otherwise a finer level is read and resampled.</summary>
    public double LevelTolerance { get; init; } = 0.01;
    /// <summary>
    /// Tiles per side of the block whose kept tiles are read with one read_region call (default 4: at
    /// most 896 px, 3.2 MB ARGB). Measured on a 16k slide, one core: per-tile calls cost no more CPU than
    /// 8-tile blocks, and big blocks decode glass around sparse tissue; 4 keeps calls few and waste small.
    /// </summary>
    public int BlockTiles { get; init; } = 4;
    public TissueOptions Tissue { get; init; } = new();

    public IEnumerable<string> Validate()
    {
        foreach (var e in OptionsValidation.Positive("Tiling:TargetMpp", TargetMpp)) yield return e;
        foreach (var e in OptionsValidation.InRange("Tiling:PatchSize", PatchSize, 16, 4096)) yield return e;
        foreach (var e in OptionsValidation.InRange("Tiling:MinTissueFraction", MinTissueFraction, 0, 1)) yield return e;
        foreach (var e in OptionsValidation.InRange("Tiling:LevelTolerance", LevelTolerance, 0, 0.5)) yield return e;
        foreach (var e in OptionsValidation.InRange("Tiling:BlockTiles", BlockTiles, 1, 64)) yield return e;
        foreach (var e in Tissue.Validate()) yield return e;
    }
}
