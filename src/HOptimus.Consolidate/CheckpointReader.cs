using System.Text.RegularExpressions;
using HOptimus.Core;
using Serilog;

namespace HOptimus.Consolidate;

/// <summary>
/// Finds and verifies checkpoints by the file contract alone (contracts.md): a step counts only when its
/// manifest.json exists and every file it lists matches bytes and sha256.
/// </summary>
public static partial class CheckpointReader
{
    [GeneratedRegex(@"^step-(\d{6})$")]
    private static partial Regex StepFolder();

    public static string StepDirectory(string checkpoints, long step) => Path.Combine(checkpoints, $"step-{step:D6}");

    /// <summary>Verifies one step folder; every problem found is named in one bad-input error.</summary>
    public static VerifiedCheckpoint Verify(string directory)
    {
        if (!Directory.Exists(directory)) throw HoptException.BadInput($"{directory}: checkpoint folder not found");
        var manifestPath = Path.Combine(directory, CheckpointManifest.FileName);
        if (!File.Exists(manifestPath))
            throw HoptException.BadInput($"{directory}: incomplete checkpoint: no {CheckpointManifest.FileName} (it is written last)");
        var manifest = Json.Read<CheckpointManifest>(manifestPath);
        var problems = new List<string>();
        if (manifest.FormatVersion != 1) problems.Add($"formatVersion {manifest.FormatVersion}, this build reads 1");
        if (manifest.Model is null) problems.Add("no \"model\" config");
        else problems.AddRange(manifest.Model.Validate());
        if (manifest.Files.All(f => f.Name != CheckpointManifest.ModelFile))
            problems.Add($"{CheckpointManifest.ModelFile} is not listed");
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(directory, file.Name);
            if (!File.Exists(path)) problems.Add($"{file.Name}: missing");
            else if (new FileInfo(path).Length != file.Bytes)
                problems.Add($"{file.Name}: {new FileInfo(path).Length} bytes, manifest says {file.Bytes}");
            else if (Checksums.Sha256File(path) != file.Sha256)
                problems.Add($"{file.Name}: sha256 differs from the manifest (corrupt)");
        }
        if (problems.Count > 0)
            throw HoptException.BadInput($"{manifestPath}: invalid checkpoint:\n  - " + string.Join("\n  - ", problems));
        return new VerifiedCheckpoint(directory, manifest, manifest.Model!);
    }

    /// <summary>The newest valid step under <paramref name="checkpoints"/>; invalid newer ones are skipped with a warning.</summary>
    public static VerifiedCheckpoint Newest(string checkpoints, ILogger log)
    {
        var steps = Directory.Exists(checkpoints)
            ? Directory.GetDirectories(checkpoints)
                .Select(d => (Dir: d, Match: StepFolder().Match(Path.GetFileName(d))))
                .Where(s => s.Match.Success)
                .OrderByDescending(s => long.Parse(s.Match.Groups[1].Value))
                .Select(s => s.Dir)
                .ToList()
            : [];
        foreach (var dir in steps)
        {
            try
            {
                return Verify(dir);
            }
            catch (HoptException e)
            {
                log.Warning("Skipping {Checkpoint}: {Problem}", dir, e.Message);
            }
        }
        throw HoptException.BadInput(steps.Count == 0
            ? $"{checkpoints}: no step-NNNNNN checkpoint folders"
            : $"{checkpoints}: none of {steps.Count} checkpoints is valid (each skipped above)");
    }
}
