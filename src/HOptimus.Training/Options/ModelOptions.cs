using HOptimus.Core;

namespace HOptimus.Training.Options;

/// <summary>The backbone and its DINO/iBOT heads.</summary>
public sealed record ModelOptions
{
    /// <summary>ViTConfig preset: vit-tiny, vit-small, vit-large, vit-giant-reg4. Default "vit-small".</summary>
    public string Preset { get; init; } = "vit-small";
    /// <summary>Stochastic depth of the student, linear over blocks up to this rate. Default 0.1 (DINOv2 ViT-S/B; 0.4 for ViT-g).</summary>
    public double DropPathRate { get; init; } = 0.1;
    /// <summary>"fp32" or "bf16" (bf16 matmuls and attention, fp32 master weights and losses). Default "fp32".</summary>
    public string Precision { get; init; } = "fp32";
    /// <summary>Recompute each block in backward instead of storing its activations. Default false.</summary>
    public bool ActivationCheckpointing { get; init; }
    /// <summary>Prototypes of the DINO head (output dim). Default 65536.</summary>
    public int DinoPrototypes { get; init; } = 65536;
    /// <summary>Prototypes of the iBOT head. Default 65536.</summary>
    public int IbotPrototypes { get; init; } = 65536;
    /// <summary>Hidden width of the heads' MLP. Default 2048.</summary>
    public int HeadHiddenDim { get; init; } = 2048;
    /// <summary>Bottleneck width before the weight-normalised prototypes. Default 256.</summary>
    public int HeadBottleneckDim { get; init; } = 256;
    /// <summary>Linear layers in the heads' MLP. Default 3.</summary>
    public int HeadLayers { get; init; } = 3;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Preset)) errors.Add("Train:Model:Preset: must name a ViT preset");
        errors.AddRange(OptionsValidation.InRange("Train:Model:DropPathRate", DropPathRate, 0, 0.9));
        if (Precision is not ("fp32" or "bf16"))
            errors.Add($"Train:Model:Precision: expected \"fp32\" or \"bf16\", got \"{Precision}\"");
        errors.AddRange(OptionsValidation.Positive("Train:Model:DinoPrototypes", DinoPrototypes));
        errors.AddRange(OptionsValidation.Positive("Train:Model:IbotPrototypes", IbotPrototypes));
        errors.AddRange(OptionsValidation.Positive("Train:Model:HeadHiddenDim", HeadHiddenDim));
        errors.AddRange(OptionsValidation.Positive("Train:Model:HeadBottleneckDim", HeadBottleneckDim));
        errors.AddRange(OptionsValidation.InRange("Train:Model:HeadLayers", HeadLayers, 1, 8));
        return errors;
    }
}
