using HOptimus.Core;
using HOptimus.Tiles;
using Serilog;

namespace HOptimus.Pack;

/// <summary>
/// What a rerun keeps: slides whose shard still exists and matches its recorded size and SHA-256.
/// Slides of a missing or damaged shard, earlier failures (they may have been transient) and shard
/// files the part never recorded (a crash between rename and part write) are redone; temp files of a
/// killed run are removed.
/// </summary>
public static class PartResume
{
    public static TaskPart Prepare(string tiles, TaskShare share, ShardHeader header, ILogger log)
    {
        var previous = TaskPart.Load(tiles, share.Index);
        previous?.CheckCompatible(tiles, header, share.Count);
        var valid = (previous?.Shards ?? []).Where(s => Verifies(tiles, s, log)).ToList();
        var validFiles = valid.Select(s => s.File).ToHashSet();
        foreach (var orphan in Directory.GetFiles(tiles, ShardNames.Pattern(share.Index)).Where(f => !validFiles.Contains(Path.GetFileName(f))))
        {
            log.Information("removing {File}: not a verified shard of this task's part", Path.GetFileName(orphan));
            File.Delete(orphan);
        }
        foreach (var temp in Directory.GetFiles(tiles, ShardNames.TempPattern(share.Index)))
        {
            log.Information("removing {File}: a shard left half-written by an earlier run of this task", Path.GetFileName(temp));
            File.Delete(temp);
        }
        var part = new TaskPart
        {
            Task = share.Index,
            Tasks = share.Count,
            Codec = header.Codec.ToAttribute(),
            PatchSize = header.PatchSize,
            TargetMpp = header.TargetMpp,
            JpegQuality = header.JpegQuality,
            Shards = valid,
            Slides = (previous?.Slides ?? []).Where(s => s.Shard is not null && validFiles.Contains(s.Shard)).ToList(),
        };
        if (previous is not null)
            log.Information("resume: {Kept} of {Shards} shards verified, {Slides} slides kept, {Retry} failures to retry",
                valid.Count, previous.Shards.Count, part.Slides.Count, previous.Failures.Count);
        return part;
    }

    private static bool Verifies(string tiles, ShardFileInfo shard, ILogger log)
    {
        var path = Path.Combine(tiles, shard.File);
        var ok = File.Exists(path) && new FileInfo(path).Length == shard.Bytes && Checksums.Sha256File(path) == shard.Sha256;
        if (!ok) log.Warning("{File}: missing or not as recorded: its slides are packed again", shard.File);
        return ok;
    }
}
