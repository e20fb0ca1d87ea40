using System.Collections.Concurrent;
using HOptimus.Slides;
using HOptimus.Tiles;
using Serilog;

namespace HOptimus.Pack;

/// <summary>
/// Packs one slide into the open shard: mpp, tissue mask, tile plan, thumbnail, then blocks of tiles
/// read and encoded on worker threads while the writer appends finished blocks in plan order
/// (<see cref="BlockPipeline"/>). Memory: per thread one block being read (BlockTiles² tiles of RGB
/// and ARGB) and up to BlocksAheadPerThread blocks of encoded tiles, in buffers reused across slides.
/// </summary>
public sealed class SlidePacker(PackOptions options, int threads, TileCodec codec, string thumbnailDirectory, ILogger log)
{
    private readonly ThreadLocal<TileBlockReader> _readers = new(() => new TileBlockReader(options.Tiling.PatchSize));
    private readonly ConcurrentBag<EncodedBlock> _spare = [];

    /// <summary>Adds the slide's tiles to <paramref name="writer"/>; throws HoptException with the reason when the slide fails.</summary>
    public ManifestSlide Pack(SlideEntry entry, int task, TileShardWriter writer, Progress progress, CancellationToken cancel)
    {
        using var slide = Slide.Open(entry.Path);
        slide.DirectRead = options.DirectTiffReads;
        var mpp = MppResolution.Resolve(entry.Path, slide.Property, entry.Mpp, options.Mpp);
        var mask = TissueDetector.Detect(slide, options.Tiling.Tissue);
        var plan = TilePlan.Create(slide, mpp.Mpp, mask, options.Tiling);
        log.Debug("{Slide}: {Mpp} µm/px from {Source}, level {Level} (downsample {Ds:G4}){Resample}, {Tiles} of {Cells} cells kept",
            entry.SlideId, mpp.Mpp, mpp.Source, plan.Level, plan.LevelDownsample, plan.Resample ? " resampled" : "",
            plan.Tiles.Count, plan.Columns * plan.Rows);
        WriteThumbnail(entry, mask, plan);

        var index = writer.AddSlide(new ShardSlide(entry.SlideId, entry.Path, entry.Organ, entry.Patient, mpp.Mpp, plan.Level, plan.LevelDownsample));
        var blocks = plan.Blocks(options.Tiling.BlockTiles);
        new BlockPipeline(threads, _spare).Run(blocks.Count,
            // Raw tiles are stored as read: the block's buffer is their only copy.
            (b, encoded) => _readers.Value!.Read(slide, plan, blocks[b], (tile, rgb) =>
                encoded.Add(tile, codec.Kind == TileCodecKind.Raw ? rgb : codec.Encode(rgb))),
            encoded => Write(encoded, writer, index, progress),
            cancel);
        return new ManifestSlide(entry.SlideId, entry.Path, entry.Organ, entry.Patient, mpp.Mpp, mpp.Source, plan.Tiles.Count,
            Path.GetFileName(writer.Path), task);
    }

    private static void Write(EncodedBlock block, TileShardWriter writer, int slideIndex, Progress progress)
    {
        for (var i = 0; i < block.Count; i++)
            writer.AddEncoded(slideIndex, block.Tile(i).X, block.Tile(i).Y, block.Bytes(i));
        progress.AddTiles(block.Count);
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
