using HOptimus.Core;

namespace HOptimus.Slides;

/// <summary>
/// Where a slide's tiles are and how to read them: from <see cref="Level"/>, <see cref="ReadSide"/> px
/// per tile, resampled to the patch size unless the level matches the target resolution.
/// </summary>
/// <param name="Level">Pyramid level read.</param>
/// <param name="LevelDownsample">That level's downsample.</param>
/// <param name="Side0">Tile side in level-0 px (patch × target mpp / slide mpp).</param>
/// <param name="ReadSide">Tile side in px of the level read (= patch size when not resampled).</param>
/// <param name="Resample">True when the level does not match and tiles are resampled.</param>
/// <param name="Columns">Grid columns (whole tiles inside the slide).</param>
/// <param name="Rows">Grid rows.</param>
/// <param name="Tiles">Kept tiles, row-major.</param>
public sealed record TilePlan(int Level, double LevelDownsample, double Side0, double ReadSide, bool Resample,
                              int Columns, int Rows, IReadOnlyList<GridTile> Tiles)
{
    /// <summary>Plans the grid at the target mpp and keeps tiles with enough tissue; a slide too small or without tissue fails.</summary>
    public static TilePlan Create(Slide slide, double mpp, TissueMask mask, TilingOptions options)
    {
        var wanted = options.TargetMpp / mpp; // level-0 px per output px
        var level = slide.BestLevelAtMost(wanted * (1 + options.LevelTolerance));
        var ds = slide.Downsample(level);
        var scale = wanted / ds;              // level px per output px
        var direct = Math.Abs(scale - 1) <= options.LevelTolerance;
        var side0 = direct ? options.PatchSize * ds : options.PatchSize * wanted;
        var readSide = direct ? options.PatchSize : options.PatchSize * scale;
        var (w0, h0) = slide.Dimensions(0);
        var columns = (int)Math.Floor(w0 / side0);
        var rows = (int)Math.Floor(h0 / side0);
        if (columns < 1 || rows < 1)
            throw HoptException.BadInput(
                $"{slide.Path}: slide is smaller than one tile ({w0}x{h0} px at {mpp:G4} µm/px; a {options.PatchSize} px tile at {options.TargetMpp:G4} µm/px needs {Math.Ceiling(side0)} px)");
        if (mask.TissueFraction == 0)
            throw HoptException.BadInput($"{slide.Path}: no tissue found (saturation threshold {mask.Threshold})");

        var tiles = new List<GridTile>();
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < columns; c++)
        {
            var x = (long)Math.Round(c * side0);
            var y = (long)Math.Round(r * side0);
            if (mask.Fraction(x, y, side0, side0) >= options.MinTissueFraction) tiles.Add(new GridTile(c, r, x, y));
        }
        if (tiles.Count == 0)
            throw HoptException.BadInput(
                $"{slide.Path}: no tile has {options.MinTissueFraction:P0} tissue (tissue covers {mask.TissueFraction:P1} of the slide)");
        return new TilePlan(level, ds, side0, readSide, !direct, columns, rows, tiles);
    }

    /// <summary>Groups the kept tiles into blocks of up to n×n grid cells, each read with one call; empty blocks are skipped.</summary>
    public IReadOnlyList<TileBlock> Blocks(int n) =>
        Tiles.GroupBy(t => (t.Row / n, t.Column / n))
             .OrderBy(g => g.Key.Item1).ThenBy(g => g.Key.Item2)
             .Select(g => new TileBlock(g.Key.Item2 * n, g.Key.Item1 * n,
                                        Math.Min(n, Columns - g.Key.Item2 * n), Math.Min(n, Rows - g.Key.Item1 * n), g.ToList()))
             .ToList();
}
