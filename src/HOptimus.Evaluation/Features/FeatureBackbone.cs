using System.Runtime.InteropServices;
using System.Security.Cryptography;
using HOptimus.Model;
using static TorchSharp.torch;

namespace HOptimus.Evaluation.Features;

/// <summary>
/// A frozen backbone ready to embed images: the network in eval mode, its input size and normalisation, and
/// the sha256 of its weights, which keys the feature cache (so a retrained export never reuses stale features).
/// </summary>
public sealed class FeatureBackbone : IDisposable
{
    private FeatureBackbone(string name, string source, VisionTransformer model, IReadOnlyList<float> mean,
                            IReadOnlyList<float> std, string weightsSha256)
    {
        Name = name;
        Source = source;
        Model = model;
        Mean = mean;
        Std = std;
        WeightsSha256 = weightsSha256;
    }

    public string Name { get; }
    /// <summary>Where it came from, for the results: an export path, or "random vit-small (seed 0)".</summary>
    public string Source { get; }
    public VisionTransformer Model { get; }
    public IReadOnlyList<float> Mean { get; }
    public IReadOnlyList<float> Std { get; }
    public string WeightsSha256 { get; }
    public int ImageSize => Model.Config.ImageSize;
    public int FeatureDim => Model.Config.NumFeatures;

    /// <summary>Loads an export or builds a seeded random preset; <paramref name="root"/> resolves relative paths.</summary>
    public static FeatureBackbone Load(BackboneSpec spec, string root)
    {
        if (spec.Random is not null)
        {
            manual_seed(spec.Seed);
            var model = new VisionTransformer(ViTConfig.Preset(spec.Random));
            model.eval();
            return new FeatureBackbone(spec.Name, $"random {spec.Random} (seed {spec.Seed})", model,
                Normalization.Mean, Normalization.Std, HashWeights(model));
        }
        var path = Path.GetFullPath(spec.Path!, root);
        var loaded = BackboneExport.Load(path);
        return new FeatureBackbone(spec.Name, path, loaded.Model, loaded.Mean, loaded.Std, loaded.WeightsSha256);
    }

    /// <summary>sha256 of the fp32 weights in timm key order: a random initialisation is keyed by what it is.</summary>
    private static string HashWeights(VisionTransformer model)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var weights = model.TimmStateDict();
        foreach (var (key, _) in TimmKeys.Expected(model.Config))
        {
            using var values = weights[key].detach().cpu().contiguous();
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(key));
            hash.AppendData(MemoryMarshal.AsBytes(values.data<float>().ToArray().AsSpan()));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public void Dispose() => Model.Dispose();
}
