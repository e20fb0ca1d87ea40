using HOptimus.Slides;
using HOptimus.Tiles;
using Serilog;

namespace HOptimus.Pack;

/// <summary>
/// Packs one slide into the open shard: mpp, tissue mask, tile plan, thumbnail, then blocks of tiles
/// read and encoded in parallel (one block per thread per round, the next round overlapping the
/// previous one's write) and appended in plan order, so the shard's content does not depend on
/// thread timing. Memory: per thread one block (BlockTiles² tiles
/// of RGB and ARGB) and the encoded tiles of two rounds.
/// </summary>
public sealed class SlidePacker(PackOptions options, int threads, TileCodec codec, string thumbnailDirectory, ILogger log)
{
    private readonly ThreadLocal<TileBlockReader> _readers = new(() => new TileBlockReader(options.Tiling.PatchSize));

    /// <summary>Adds the slide's tiles to <paramref name="writer"/>; throws HoptException with the reason when the slide fails.</summary>
    public ManifestSlide Pack(SlideEntry entry, int task, TileShardWriter writer, Progress progress, CancellationToken cancel)
    {
        using var slide = Slide.Open(entry.Path);
        var mpp = MppResolution.Resolve(entry.Path, slide.Property, entry.Mpp, options.Mpp);
        var mask = TissueDetector.Detect(slide, options.Tiling.Tissue);
        var plan = TilePlan.Create(slide, mpp.Mpp, mask, options.Tiling);
        log.Debug("{Slide}: {Mpp} µm/px from {Source}, level {Level} (downsample {Ds:G4}){Resample}, {Tiles} of {Cells} cells kept",
            entry.SlideId, mpp.Mpp, mpp.Source, plan.Level, plan.LevelDownsample, plan.Resample ? " resampled" : "",
            plan.Tiles.Count, plan.Columns * plan.Rows);
        WriteThumbnail(entry, mask, plan);

        var index = writer.AddSlide(new ShardSlide(entry.SlideId, entry.Path, entry.Organ, entry.Patient, mpp.Mpp, plan.Level, plan.LevelDownsample));
        var blocks = plan.Blocks(options.Tiling.BlockTiles);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel };
        // Round k+1 is read and encoded while round k is written: the writer (HDF5, one thread) would
        // otherwise leave every reader idle between rounds.
        List<(GridTile Tile, byte[] Bytes)>[]? pending = null;
        for (var first = 0; first < blocks.Count + threads; first += threads) // one round more, to write the last
        {
            var round = blocks.Skip(first).Take(threads).ToList();
            var encoded = new List<(GridTile Tile, byte[] Bytes)>[round.Count];
            var reading = Task.Run(() => Parallel.For(0, round.Count, parallel, b =>
            {
                var tiles = new List<(GridTile, byte[])>(round[b].Tiles.Count);
                _readers.Value!.Read(slide, plan, round[b], (tile, rgb) => tiles.Add((tile, codec.Encode(rgb))));
                encoded[b] = tiles;
            }), cancel);
            if (pending is not null) Write(pending, writer, index, progress);
            reading.GetAwaiter().GetResult();
            pending = encoded;
        }
        return new ManifestSlide(entry.SlideId, entry.Path, entry.Organ, entry.Patient, mpp.Mpp, mpp.Source, plan.Tiles.Count,
            Path.GetFileName(writer.Path), task);
    }

    private static void Write(List<(GridTile Tile, byte[] Bytes)>[] round, TileShardWriter writer, int slideIndex, Progress progress)
    {
        foreach (var list in round)
        foreach (var (tile, bytes) in list)
            writer.AddEncoded(slideIndex, tile.X, tile.Y, bytes);
        progress.AddTiles(round.Sum(l => l.Count));
    }

    /// <summary>A side channel: a thumbnail that cannot be written is logged and the slide goes on.</summary>
    private void WriteThumbnail(SlideEntry entry, TissueMask mask, TilePlan plan)
    {
        if (!options.Thumbnails) return;
        var name = string.Concat(entry.SlideId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ".png";
        try
        {
            Thumbnail.Write(Path.Combine(thumbnailDirectory, name), mask, plan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            log.Warning("{Slide}: thumbnail not written: {Error}", entry.SlideId, e.Message);
        }
    }
}
