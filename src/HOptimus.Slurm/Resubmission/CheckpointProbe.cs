using System.Text.RegularExpressions;

namespace HOptimus.Slurm.Resubmission;

/// <summary>
/// Finds the checkpoint a resubmitted training job resumes from: the newest checkpoints/step-NNNNNN/
/// whose manifest.json exists (written last, so its presence means complete) and whose listed files
/// have the sizes it records. The trainer itself verifies checksums before loading.
/// </summary>
public static partial class CheckpointProbe
{
    public static string? Newest(string runDirectory)
    {
        var root = Path.Combine(runDirectory, "checkpoints");
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Where(d => StepName().IsMatch(Path.GetFileName(d)))
            .OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal)
            .FirstOrDefault(Complete);
    }

    private static bool Complete(string dir)
    {
        var manifest = Path.Combine(dir, "manifest.json");
        if (!File.Exists(manifest)) return false;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
            if (!doc.RootElement.TryGetProperty("files", out var files)) return false;
            return files.EnumerateArray().All(f =>
            {
                var path = Path.Combine(dir, f.GetProperty("name").GetString() ?? "");
                return File.Exists(path) && new FileInfo(path).Length == f.GetProperty("bytes").GetInt64();
            });
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^step-\d{6,}$")]
    private static partial Regex StepName();
}
