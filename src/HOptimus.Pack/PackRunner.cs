using HOptimus.Core;
using HOptimus.Tiles;
using Serilog;

namespace HOptimus.Pack;

/// <summary>
/// One array task: its share of the slide list, resumed from its part file, packed slide by slide into
/// shards of about TilesPerShard tiles. A slide that fails is rolled back out of the open shard and
/// listed with its reason; the others go on.
/// </summary>
public sealed class PackRunner(PackOptions options, RunDirectory run, TaskShare share, ILogger log, ShutdownSignal signal)
{
    private readonly string _tiles = run.Tiles;

    public int Run()
    {
        var header = options.Header;
        var mine = share.Take(SlideList.Load(options.Slides, options.Extensions));
        Directory.CreateDirectory(_tiles);
        var part = PartResume.Prepare(_tiles, share, header, log);
        var done = part.Slides.Select(s => s.SlideId).ToHashSet();
        var todo = mine.Where(e => !done.Contains(e.SlideId)).ToList();
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        log.Information("task {Task} of {Tasks}: {Share} slides in its share, {Done} already packed, {Todo} to pack with {Threads} threads, {Codec} tiles",
            share.Index, share.Count, mine.Count, mine.Count - todo.Count, todo.Count, threads, header.Codec.ToAttribute());

        var thumbnails = Path.Combine(_tiles, "thumbnails");
        Directory.CreateDirectory(thumbnails);
        using var codec = new TileCodec(header.Codec, header.PatchSize, header.JpegQuality);
        var packer = new SlidePacker(options, threads, codec, thumbnails, log);
        var progress = new Progress(log, todo.Count, threads, TimeSpan.FromSeconds(options.ProgressSeconds));
        var sequence = part.Shards.Select(s => ShardNames.Sequence(s.File)).DefaultIfEmpty(-1).Max() + 1;
        var failed = 0;
        TileShardWriter? writer = null;
        var pending = new List<ManifestSlide>();
        try
        {
            foreach (var entry in todo)
            {
                if (signal.Requested) break;
                writer ??= new TileShardWriter(Path.Combine(_tiles, ShardNames.File(share.Index, sequence)), header, options.SpoolDirectory);
                var mark = writer.Mark;
                try
                {
                    var packed = packer.Pack(entry, share.Index, writer, progress, signal.Token);
                    pending.Add(packed);
                    log.Information("{Slide}: {Tiles} tiles ({Mpp} µm/px from {Source})", entry.SlideId, packed.Tiles, packed.Mpp, packed.MppSource);
                }
                catch (Exception e) when (IsCancellation(e))
                {
                    writer.Rewind(mark);
                    break;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    writer.Rewind(mark);
                    failed++;
                    part.Failures.Add(new ManifestFailure(entry.SlideId, entry.Path, Reason(e, entry), share.Index));
                    log.Warning("{Slide}: failed: {Reason}", entry.SlideId, Reason(e, entry));
                }
                progress.SlideDone();
                if (writer.Count >= options.TilesPerShard)
                {
                    Commit(writer, part, pending);
                    writer = null;
                    sequence++;
                }
            }
            if (writer is { Count: > 0 }) Commit(writer, part, pending);
        }
        finally
        {
            writer?.Dispose();
        }
        part.Save(_tiles);
        progress.Log();
        ManifestMerger.Merge(_tiles, header, log);
        return ExitCode(failed, part.Slides.Count);
    }

    private void Commit(TileShardWriter writer, TaskPart part, List<ManifestSlide> pending)
    {
        var info = writer.Commit();
        writer.Dispose();
        part.Shards.Add(info);
        part.Slides.AddRange(pending);
        pending.Clear();
        part.Save(_tiles);
        log.Information("shard {File}: {Tiles} tiles, {MB:F1} MB", info.File, info.Tiles, info.Bytes / 1e6);
    }

    /// <summary>0 when no slide failed, 3 when none of the task's share is packed, 4 when some are and some failed.</summary>
    private int ExitCode(int failed, int packed)
    {
        if (signal.Requested)
        {
            log.Warning("stopped by {Reason}: packed slides are committed, a rerun resumes", signal.Reason);
            return signal.Reason switch
            {
                StopReason.WallClock => ExitCodes.Requeue,
                StopReason.Interrupt => ExitCodes.Interrupted,
                _ => ExitCodes.Terminated,
            };
        }
        if (failed == 0) return ExitCodes.Done;
        return packed == 0 ? ExitCodes.BadInput : ExitCodes.Partial;
    }

    private static bool IsCancellation(Exception e) =>
        e is OperationCanceledException || (e is AggregateException a && a.InnerExceptions.All(IsCancellation));

    /// <summary>The operator's reason: the HoptException message, or the type and message of anything else.</summary>
    private string Reason(Exception e, SlideEntry entry)
    {
        if (e is AggregateException a) e = a.Flatten().InnerExceptions.FirstOrDefault(x => x is HoptException) ?? a.InnerExceptions[0];
        if (e is HoptException) return e.Message;
        log.Error(e, "{Slide}: unexpected error", entry.SlideId);
        return $"{entry.Path}: internal error {e.GetType().Name}: {e.Message}";
    }
}
