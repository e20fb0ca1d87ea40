using HOptimus.Core;
using HOptimus.Model;
using Serilog;
using static TorchSharp.torch;

namespace HOptimus.Consolidate;

/// <summary>
/// The part export and import share: stage the files, verify them, write the manifest last, rename into
/// place. On any failure the staging folder is removed, so nothing half-written is ever left.
/// </summary>
public static class ExportPipeline
{
    public static string ExportDirectory(RunDirectory run, string name, bool overwrite)
    {
        var dir = Path.Combine(run.Exports, name);
        if (Directory.Exists(dir) && !overwrite)
            throw HoptException.Usage($"{dir} already exists; choose another Consolidate:Name or --set Overwrite=true");
        return dir;
    }

    public static ExportManifest Write(string exportDir, ViTConfig config, IReadOnlyDictionary<string, Tensor> weights,
        ConsolidateOptions options, IReadOnlyDictionary<string, string> source, ILogger log)
    {
        var staging = BackboneExport.Stage(exportDir, weights, config, options.DType, "hopt-" + Path.GetFileName(exportDir));
        try
        {
            IReadOnlyDictionary<string, string>? verification = null;
            if (options.Verify)
            {
                verification = ExportVerifier.Run(staging, config, weights, options.DType, options.VerifyBatch, options.VerifySeed);
                log.Information("Verified: reloaded export gives identical features on {Batch}", verification["batch"]);
            }
            else
            {
                log.Warning("Verification switched off (Consolidate:Verify=false)");
            }
            var manifest = BackboneExport.Commit(staging, exportDir, config, options.DType, source, verification);
            log.Information("Exported {Parameters:N0} parameters ({Arch}, {DType}) to {Export}, sha256 {Sha}",
                config.ParameterCount(), config.TimmArchitecture, options.DType, exportDir, manifest.WeightsSha256);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }
}
