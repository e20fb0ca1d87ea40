// Shapes: B batch, C channels, H/W pixels, P patches, D width.
using System.Globalization;
using HOptimus.Core;
using HOptimus.Model;
using static TorchSharp.torch;

namespace HOptimus.Consolidate;

/// <summary>
/// Reloads a staged export into a fresh network and runs a fixed batch through it and through a network
/// holding the source weights, rounded to the export dtype (fp32: unchanged), in memory. Features must
/// be identical, bit for bit: anything else means the export lost or mislaid weights.
/// </summary>
public static class ExportVerifier
{
    public static IReadOnlyDictionary<string, string> Run(string staging, ViTConfig config,
        IReadOnlyDictionary<string, Tensor> sourceWeights, WeightDType dtype, int batch, int seed)
    {
        using var scope = NewDisposeScope();
        using var reference = new VisionTransformer(config);
        var rounded = sourceWeights.ToDictionary(kv => kv.Key, kv => kv.Value.to(dtype.ToScalarType()).to(ScalarType.Float32));
        reference.LoadTimmStateDict(rounded, "source weights");
        reference.eval();
        var loaded = BackboneExport.Load(staging);
        using var exported = loaded.Model;
        var generator = new Generator((ulong)seed);
        var images_BCHW = randn([batch, config.InChannels, config.ImageSize, config.ImageSize], generator: generator);
        using var _ = no_grad();
        var (refCls_BD, refPatches_BPD) = reference.ForwardFeatures(images_BCHW);
        var (expCls_BD, expPatches_BPD) = exported.ForwardFeatures(images_BCHW);
        bool identical = refCls_BD.eq(expCls_BD).all().item<bool>() && refPatches_BPD.eq(expPatches_BPD).all().item<bool>();
        var diff = Math.Max((refCls_BD - expCls_BD).abs().max().item<float>(), (refPatches_BPD - expPatches_BPD).abs().max().item<float>());
        if (!identical)
            throw new HoptException($"{staging}: verification failed: the reloaded export's features differ from the source " +
                                    $"weights' by up to {diff:G3} on a fixed batch; the export was not committed", ExitCodes.Failed);
        return new Dictionary<string, string>
        {
            ["result"] = "identical",
            ["batch"] = $"{batch}x{config.InChannels}x{config.ImageSize}x{config.ImageSize} randn, seed {seed}",
            ["compared"] = "cls and patch features after the final norm, bitwise",
            ["reference"] = dtype == WeightDType.Fp32 ? "source weights" : "source weights rounded to bf16",
            ["weightsSha256"] = loaded.WeightsSha256,
            ["clsNorm"] = refCls_BD.norm().item<float>().ToString("G6", CultureInfo.InvariantCulture),
        };
    }
}
