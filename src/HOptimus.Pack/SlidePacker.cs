using System.Collections.Concurrent;
using HOptimus.Slides;
using HOptimus.Tiles;
using Serilog;

namespace HOptimus.Pack;

/// <summary>
/// Packs one slide into the open shard: mpp, tissue mask, tile plan, thumbnail, then blocks of tiles
/// read and encoded in parallel (one block per thread per round, the next round overlapping the
/// previous one's write) and appended in plan order, so the shard's content does not depend on
/// thread timing. Memory: per thread one block (BlockTiles² tiles
/// of RGB and ARGB) and the encoded tiles of two rounds, in buffers reused across rounds and slides.
/// </summary>
public sealed class SlidePacker(PackOptions options, int threads, TileCodec codec, string thumbnailDirectory, ILogger log)
{
    private readonly ThreadLocal<TileBlockReader> _readers = new(() => new TileBlockReader(options.Tiling.PatchSize));
    private readonly ConcurrentBag<EncodedBlock> _spare = [];

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
        EncodedBlock[]? pending = null;
        try
        {
            for (var first = 0; first < blocks.Count + threads; first += threads) // one round more, to write the last
            {
                var round = blocks.Skip(first).Take(threads).ToList();
                var encoded = round.Select(_ => _spare.TryTake(out var b) ? b : new EncodedBlock()).ToArray();
                var reading = Task.Run(() => Parallel.For(0, round.Count, parallel, b =>
                    // Raw tiles are stored as read: the block's buffer is their only copy.
                    _readers.Value!.Read(slide, plan, round[b], (tile, rgb) =>
                        encoded[b].Add(tile, codec.Kind == TileCodecKind.Raw ? rgb : codec.Encode(rgb)))), cancel);
                try
                {
                    if (pending is not null) Write(pending, writer, index, progress);
                }
                finally
                {
                    // Readers fill `encoded` until they finish, even when the write failed: only then are buffers recycled.
                    ((IAsyncResult)reading).AsyncWaitHandle.WaitOne();
                    Recycle(pending);
                    pending = encoded;
                }
                reading.GetAwaiter().GetResult();
            }
        }
        finally
        {
            Recycle(pending);
        }
        return new ManifestSlide(entry.SlideId, entry.Path, entry.Organ, entry.Patient, mpp.Mpp, mpp.Source, plan.Tiles.Count,
            Path.GetFileName(writer.Path), task);
    }

    private static void Write(EncodedBlock[] round, TileShardWriter writer, int slideIndex, Progress progress)
    {
        foreach (var block in round)
            for (var i = 0; i < block.Count; i++)
                writer.AddEncoded(slideIndex, block.Tile(i).X, block.Tile(i).Y, block.Bytes(i));
        progress.AddTiles(round.Sum(b => b.Count));
    }

    private void Recycle(EncodedBlock[]? round)
    {
        foreach (var block in round ?? [])
        {
            block.Clear();
            _spare.Add(block);
        }
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
