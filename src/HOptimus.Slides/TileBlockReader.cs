namespace HOptimus.Slides;

/// <summary>Receives one tile's RGB pixels (patch×patch×3); the span is only valid during the call.</summary>
public delegate void TileHandler(GridTile tile, ReadOnlySpan<byte> rgb);

/// <summary>
/// Reads a block of tiles with one read_region call and cuts (or resamples) the kept tiles out of it:
/// fewer calls and each source JPEG tile decoded about once, instead of once per overlapping tile.
/// One instance per thread: it reuses its buffers.
/// </summary>
public sealed class TileBlockReader(int patchSize)
{
    private byte[] _block = [];
    private readonly byte[] _tile = new byte[patchSize * patchSize * 3];

    public void Read(Slide slide, TilePlan plan, TileBlock block, TileHandler onTile)
    {
        var ds = plan.LevelDownsample;
        // Only the bounding box of the block's kept tiles is read (in level pixels; for direct reads
        // whole tiles of exactly patchSize px): decoding glass around sparse tissue is wasted work.
        var (c0, c1) = (block.Tiles.Min(t => t.Column), block.Tiles.Max(t => t.Column) + 1);
        var (r0, r1) = (block.Tiles.Min(t => t.Row), block.Tiles.Max(t => t.Row) + 1);
        var left = (long)Math.Floor(c0 * plan.Side0 / ds);
        var top = (long)Math.Floor(r0 * plan.Side0 / ds);
        var right = (long)Math.Ceiling(c1 * plan.Side0 / ds);
        var bottom = (long)Math.Ceiling(r1 * plan.Side0 / ds);
        var (levelW, levelH) = slide.Dimensions(plan.Level);
        right = Math.Min(right, levelW);
        bottom = Math.Min(bottom, levelH);
        var width = (int)(right - left);
        var height = (int)(bottom - top);
        if (_block.Length < width * height * 3) _block = new byte[width * height * 3];
        var pixels = _block.AsSpan(0, width * height * 3);
        slide.ReadRegionRgb((long)Math.Round(left * ds), (long)Math.Round(top * ds), plan.Level, width, height, pixels);

        var tile = _tile.AsSpan();
        foreach (var t in block.Tiles)
        {
            var x = t.Column * plan.Side0 / ds - left;
            var y = t.Row * plan.Side0 / ds - top;
            if (plan.Resample)
            {
                Resampler.Resample(pixels, width, height, x, y, plan.ReadSide, tile, patchSize);
            }
            else
            {
                var (ix, iy) = ((int)Math.Round(x), (int)Math.Round(y));
                for (var r = 0; r < patchSize; r++)
                    pixels.Slice(((iy + r) * width + ix) * 3, patchSize * 3).CopyTo(tile.Slice(r * patchSize * 3, patchSize * 3));
            }
            onTile(t, tile);
        }
    }
}
