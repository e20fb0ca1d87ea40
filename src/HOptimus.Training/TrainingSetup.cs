using HOptimus.Core;
using HOptimus.Model;
using HOptimus.Training.Data;
using HOptimus.Training.Options;
using TorchSharp;

namespace HOptimus.Training;

/// <summary>Checks of the options against the model and data that validation alone cannot make.</summary>
public static class TrainingSetup
{
    /// <summary>H-optimus-1's normalisation, from the Model library so training and export agree.</summary>
    public static float[] Mean => [.. Normalization.Mean];
    public static float[] Std => [.. Normalization.Std];

    public static ViTConfig ModelConfig(TrainerOptions options)
    {
        var config = ViTConfig.Preset(options.Model.Preset);
        var errors = new List<string>();
        if (options.Crops.GlobalSize % config.PatchSize != 0)
            errors.Add($"Train:Crops:GlobalSize: {options.Crops.GlobalSize} px is not a multiple of the {config.Name} patch ({config.PatchSize} px)");
        if (options.Crops.LocalCount > 0 && options.Crops.LocalSize % config.PatchSize != 0)
            errors.Add($"Train:Crops:LocalSize: {options.Crops.LocalSize} px is not a multiple of the {config.Name} patch ({config.PatchSize} px)");
        if (errors.Count > 0) throw HoptException.Usage("invalid configuration:\n  - " + string.Join("\n  - ", errors));
        return config;
    }

    /// <summary>
    /// The torch device of this rank. A bare "cuda" means the rank's own GPU: cuda:&lt;SLURM_LOCALID&gt; when the
    /// rank sees the node's GPUs, cuda:0 when Slurm bound it to one.
    /// </summary>
    public static torch.Device Device(string name, int localRank)
    {
        if (!name.StartsWith("cuda")) return torch.device(name);
        if (!torch.cuda.is_available())
            throw HoptException.Usage($"Train:Device: {name} requested but libtorch sees no CUDA device (CPU build of libtorch, or no GPU)");
        if (name != "cuda") return torch.device(name);
        return torch.device(torch.cuda.device_count() > 1 ? $"cuda:{localRank}" : "cuda:0");
    }

    public static MultiCropAugmenter Augmenter(TrainerOptions o) => new(o.Crops, o.Augment, Mean, Std, o.Seed);

    public static MaskSampler Masks(TrainerOptions o, ViTConfig config) =>
        new(o.Mask, o.Crops.GlobalSize / config.PatchSize, o.Crops.GlobalCount, o.Seed, o.Loss.IbotWeight > 0);
}
