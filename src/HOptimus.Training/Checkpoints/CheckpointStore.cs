using System.Globalization;
using HOptimus.Core;
using Serilog;

namespace HOptimus.Training.Checkpoints;

/// <summary>
/// The checkpoints/ folder of a run: step-NNNNNN/ folders written as step-NNNNNN.tmp/, fsynced,
/// manifest.json (sizes + SHA-256) written last, then renamed into place. A checkpoint counts only if
/// its manifest verifies, so a kill at any moment leaves the previous one valid. The newest K valid
/// checkpoints are kept.
/// </summary>
public sealed class CheckpointStore(string directory, ILogger log)
{
    /// <summary>Test hook: seconds to sleep after the files are written, before the manifest (kill -9 tests).</summary>
    public const string PauseBeforeManifestVariable = "HOPTIMUS_TEST_CHECKPOINT_PAUSE_SECONDS";
    private const string Prefix = "step-";
    private const string TempSuffix = ".tmp";

    public string Directory { get; } = directory;

    public static string FolderName(long step) => $"{Prefix}{step:D6}";

    /// <summary>
    /// Writes a checkpoint: <paramref name="writeFiles"/> fills the temp folder; the store fsyncs and
    /// checksums what it wrote, adds the manifest, renames, and prunes to <paramref name="keepLast"/>.
    /// </summary>
    public string Save(long step, Func<CheckpointFile[], CheckpointManifest> manifestFor, Action<string> writeFiles, int keepLast)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var final = Path.Combine(Directory, FolderName(step));
        var temp = final + TempSuffix;
        if (System.IO.Directory.Exists(temp)) System.IO.Directory.Delete(temp, recursive: true);
        System.IO.Directory.CreateDirectory(temp);
        writeFiles(temp);
        var files = System.IO.Directory.GetFiles(temp).Order(StringComparer.Ordinal).Select(path =>
        {
            AtomicFile.Fsync(path);
            return new CheckpointFile(Path.GetFileName(path), new FileInfo(path).Length, Checksums.Sha256File(path));
        }).ToArray();
        PauseForTests(temp);
        Json.WriteAtomic(Path.Combine(temp, CheckpointManifest.FileName), manifestFor(files));
        AtomicFile.FsyncDirectory(temp);
        AtomicFile.CommitDirectory(temp, final);
        Prune(keepLast);
        return final;
    }

    /// <summary>The newest checkpoint whose manifest verifies; broken ones are skipped with a warning.</summary>
    public (string Path, CheckpointManifest Manifest)? NewestValid()
    {
        foreach (var (step, path) in Steps().OrderByDescending(s => s.Step))
        {
            var problem = Verify(path, step, out var manifest);
            if (problem is null) return (path, manifest!);
            log.Warning("Skipping checkpoint {Checkpoint}: {Problem}", path, problem);
        }
        return null;
    }

    /// <summary>Why a checkpoint folder is not valid, or null when it is.</summary>
    public static string? Verify(string path, long step, out CheckpointManifest? manifest)
    {
        manifest = null;
        var manifestPath = Path.Combine(path, CheckpointManifest.FileName);
        if (!File.Exists(manifestPath)) return "no manifest.json (the write did not finish)";
        try
        {
            manifest = Json.Read<CheckpointManifest>(manifestPath);
        }
        catch (HoptException e)
        {
            return e.Message;
        }
        if (manifest.FormatVersion != CheckpointManifest.CurrentFormat)
            return $"format version {manifest.FormatVersion}, this build reads {CheckpointManifest.CurrentFormat}";
        if (manifest.Step != step) return $"manifest says step {manifest.Step}, the folder name step {step}";
        foreach (var file in manifest.Files)
        {
            var filePath = Path.Combine(path, file.Name);
            if (!File.Exists(filePath)) return $"{file.Name} is missing";
            var bytes = new FileInfo(filePath).Length;
            if (bytes != file.Bytes) return $"{file.Name} has {bytes} bytes, the manifest {file.Bytes}";
            if (Checksums.Sha256File(filePath) != file.Sha256) return $"{file.Name} fails its SHA-256 check";
        }
        return null;
    }

    /// <summary>Committed step folders (not .tmp), in no particular order.</summary>
    public IEnumerable<(long Step, string Path)> Steps()
    {
        if (!System.IO.Directory.Exists(Directory)) yield break;
        foreach (var path in System.IO.Directory.GetDirectories(Directory, Prefix + "*"))
        {
            var name = Path.GetFileName(path);
            if (long.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var step))
                yield return (step, path);
        }
    }

    /// <summary>Deletes all but the newest <paramref name="keepLast"/> checkpoints (the newest was just verified-written), and leftover temp folders.</summary>
    private void Prune(int keepLast)
    {
        foreach (var (_, path) in Steps().OrderByDescending(s => s.Step).Skip(keepLast)) TryDelete(path);
        foreach (var temp in System.IO.Directory.GetDirectories(Directory, Prefix + "*" + TempSuffix)) TryDelete(temp);
    }

    private void TryDelete(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException e)
        {
            log.Warning("Could not delete old checkpoint {Path}: {Error}", path, e.Message);
        }
    }

    private static void PauseForTests(string temp)
    {
        if (!double.TryParse(Environment.GetEnvironmentVariable(PauseBeforeManifestVariable), NumberStyles.Float,
                             CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
            return;
        Console.Error.WriteLine($"checkpoint-write-paused {temp}");
        Console.Error.Flush();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
    }
}
