using HOptimus.Core;
using HOptimus.Tiles;
using Serilog;

namespace HOptimus.Pack;

/// <summary>
/// Rebuilds tiles/manifest.json from every task's part, under an exclusive lock on tiles/.manifest.lock
/// so concurrent array tasks never interleave: each task saves its part first, then merges all parts,
/// so the last task to finish writes a manifest holding everyone. .NET takes the lock with flock(2)
/// (advisory; on Lustre/GPFS it needs the "flock" mount option, which Jean Zay's $SCRATCH has).
/// </summary>
public static class ManifestMerger
{
    public static DatasetManifest Merge(string tilesDirectory, ShardHeader header, ILogger log, TimeSpan? timeout = null)
    {
        using var _ = AcquireLock(Path.Combine(tilesDirectory, ".manifest.lock"), timeout ?? TimeSpan.FromMinutes(5));
        var parts = Directory.Exists(TaskPart.PartsDirectory(tilesDirectory))
            ? Directory.GetFiles(TaskPart.PartsDirectory(tilesDirectory), "task-*.json").Order(StringComparer.Ordinal).Select(Json.Read<TaskPart>).ToList()
            : [];
        var manifest = DatasetManifest.Build(header, parts.SelectMany(p => p.Shards), parts.SelectMany(p => p.Slides), parts.SelectMany(p => p.Failures));
        manifest.Write(Path.Combine(tilesDirectory, DatasetManifest.FileName));
        log.Information("manifest: {Tasks} task parts, {Shards} shards, {Tiles} tiles, {Slides} slides, {Failed} failed",
            parts.Count, manifest.Totals.Shards, manifest.Totals.Tiles, manifest.Totals.Slides, manifest.Totals.FailedSlides);
        return manifest;
    }

    private static FileStream AcquireLock(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Random.Shared.Next(50, 200));
            }
            catch (IOException e)
            {
                throw new HoptException($"{path}: could not lock the manifest within {timeout.TotalSeconds:F0} s: {e.Message}", ExitCodes.Failed, e);
            }
        }
    }
}
