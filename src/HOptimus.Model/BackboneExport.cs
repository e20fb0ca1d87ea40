using HOptimus.Core;
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// The export folder exports/&lt;name&gt;/ (DESIGN.md): model.safetensors (timm keys, fp32 or bf16), config.json
/// (timm pretrained_cfg + model args), manifest.json (sha256 sums) written last. Built in a staging folder
/// and renamed into place, so a reader never sees half an export.
/// </summary>
public static class BackboneExport
{
    public const string WeightsFile = "model.safetensors";
    public const string ManifestFile = "manifest.json";
    /// <summary>safetensors metadata key holding the ViTConfig JSON, so the weights file alone is self-describing.</summary>
    public const string ConfigMetadataKey = "hopt.model_config";

    /// <summary>The staging folder of an export: same parent, so the final rename stays on one file system.</summary>
    public static string StagingFor(string exportDir) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(exportDir))!, "." + Path.GetFileName(exportDir) + ".tmp");

    /// <summary>Writes model.safetensors and config.json into a fresh staging folder and returns its path.</summary>
    public static string Stage(string exportDir, IReadOnlyDictionary<string, Tensor> timmWeights, ViTConfig config,
        WeightDType dtype, string tag)
    {
        var problems = TimmKeys.Mismatches(config, timmWeights.ToDictionary(kv => kv.Key, kv => kv.Value.shape));
        if (problems.Count > 0)
            throw HoptException.BadInput($"weights do not match {config.Name}: " + string.Join("; ", problems.Take(10)));
        var staging = StagingFor(exportDir);
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        var ordered = TimmKeys.Expected(config).Select(k => new KeyValuePair<string, Tensor>(k.Key, timmWeights[k.Key]));
        var metadata = new Dictionary<string, string> { ["format"] = "pt", [ConfigMetadataKey] = Json.Serialize(config) };
        SafetensorsFile.Write(Path.Combine(staging, WeightsFile), ordered, metadata, dtype.ToScalarType());
        AtomicFile.WriteAllText(Path.Combine(staging, TimmConfigJson.FileName),
            TimmConfigJson.Render(config, Normalization.Mean, Normalization.Std, tag));
        return staging;
    }

    /// <summary>Writes the manifest last, then renames the staging folder to <paramref name="exportDir"/>.</summary>
    public static ExportManifest Commit(string staging, string exportDir, ViTConfig config, WeightDType dtype,
        IReadOnlyDictionary<string, string> source, IReadOnlyDictionary<string, string>? verification)
    {
        var files = new[] { WeightsFile, TimmConfigJson.FileName }
            .Select(f => Path.Combine(staging, f))
            .Select(p => new ExportFile(Path.GetFileName(p), new FileInfo(p).Length, Checksums.Sha256File(p)))
            .ToList();
        var manifest = new ExportManifest
        {
            Name = Path.GetFileName(Path.GetFullPath(exportDir)),
            Architecture = config.TimmArchitecture,
            DType = dtype,
            Model = config,
            WeightsSha256 = files[0].Sha256,
            Files = files,
            Source = source,
            Verification = verification,
        };
        Json.WriteAtomic(Path.Combine(staging, ManifestFile), manifest);
        AtomicFile.CommitDirectory(staging, exportDir);
        return manifest;
    }

    /// <summary>
    /// A run's exports/ holds one folder per consolidated step (teacher-step-000040): a stage that names
    /// exports/ means the newest of them, the highest step.
    /// </summary>
    private static string NewestExportIn(string folder) =>
        Directory.GetDirectories(folder).Where(d => File.Exists(Path.Combine(d, WeightsFile)))
            .OrderBy(d => Path.GetFileName(d), StringComparer.Ordinal).LastOrDefault()
        ?? throw HoptException.BadInput($"{folder}: no {WeightsFile} in it nor in any export folder inside it");

    /// <summary>
    /// Loads an export folder (or a folder of them: the newest), or a bare .safetensors (config.json beside it, else the config in its metadata).
    /// Files listed by a manifest must match their sha256. The model is in eval mode on the CPU, fp32.
    /// </summary>
    public static LoadedBackbone Load(string path, BackboneOptions? options = null)
    {
        string weights, folder;
        if (Directory.Exists(path) && !File.Exists(Path.Combine(path, WeightsFile))) path = NewestExportIn(path);
        if (Directory.Exists(path)) (folder, weights) = (path, Path.Combine(path, WeightsFile));
        else if (File.Exists(path)) (folder, weights) = (Path.GetDirectoryName(Path.GetFullPath(path))!, path);
        else throw HoptException.BadInput($"{path}: no such export folder or .safetensors file");
        var sha = Checksums.Sha256File(weights);
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (File.Exists(manifestPath)) CheckManifest(folder, Json.Read<ExportManifest>(manifestPath), manifestPath);

        ViTConfig config;
        IReadOnlyList<float> mean = Normalization.Mean, std = Normalization.Std;
        var configPath = Path.Combine(folder, TimmConfigJson.FileName);
        if (File.Exists(configPath)) (config, mean, std) = TimmConfigJson.Parse(configPath);
        else config = ConfigFromMetadata(weights);

        var model = new VisionTransformer(config, options);
        using (var scope = NewDisposeScope())
        {
            var tensors = SafetensorsFile.Read(weights);
            model.LoadTimmStateDict(tensors.ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.Float32)), weights);
        }
        model.eval();
        return new LoadedBackbone(model, config, mean, std, sha);
    }

    private static ViTConfig ConfigFromMetadata(string weights)
    {
        var header = SafetensorsFile.ReadHeader(weights);
        if (!header.Metadata.TryGetValue(ConfigMetadataKey, out var json))
            throw HoptException.BadInput($"{weights}: no {TimmConfigJson.FileName} beside it and no '{ConfigMetadataKey}' metadata: " +
                                         "the architecture is unknown (import external timm files with `hopt-consolidate import --arch`)");
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<ViTConfig>(json, Json.Options)!.Validated();
        }
        catch (System.Text.Json.JsonException e)
        {
            throw HoptException.BadInput($"{weights}: metadata '{ConfigMetadataKey}' is not a model config: {e.Message}", e);
        }
    }

    private static void CheckManifest(string folder, ExportManifest manifest, string manifestPath)
    {
        foreach (var file in manifest.Files)
        {
            var p = Path.Combine(folder, file.Name);
            if (!File.Exists(p)) throw HoptException.BadInput($"{manifestPath}: lists {file.Name}, which is missing");
            if (new FileInfo(p).Length != file.Bytes || Checksums.Sha256File(p) != file.Sha256)
                throw HoptException.BadInput($"{p}: size or sha256 differs from {manifestPath} (corrupt or replaced)");
        }
    }
}
