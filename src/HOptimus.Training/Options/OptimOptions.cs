using HOptimus.Core;

namespace HOptimus.Training.Options;

/// <summary>AdamW with lr warm-up + cosine, a cosine weight-decay ramp, layer-wise lr decay, clipping.</summary>
public sealed record OptimOptions
{
    /// <summary>Peak lr for a global batch of 1024; scaled by sqrt(batch/1024) (DINOv2's sqrt_wrt_1024). Default 0.004.</summary>
    public double BaseLr { get; init; } = 0.004;
    /// <summary>Apply the sqrt(batch/1024) rule; false uses BaseLr as is. Default true.</summary>
    public bool SqrtBatchScaling { get; init; } = true;
    /// <summary>Final lr of the cosine. Default 1e-6.</summary>
    public double MinLr { get; init; } = 1e-6;
    /// <summary>Steps of linear lr warm-up from 0. Default 100.</summary>
    public int WarmupSteps { get; init; } = 100;
    /// <summary>Weight decay, cosine from start to end over the run. Defaults 0.04 -> 0.4.</summary>
    public double WeightDecay { get; init; } = 0.04;
    public double WeightDecayEnd { get; init; } = 0.4;
    /// <summary>AdamW betas and epsilon. Defaults 0.9, 0.999, 1e-8.</summary>
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Eps { get; init; } = 1e-8;
    /// <summary>Block i gets lr x decay^(depth + 1 - (i + 1)); 1 disables. Default 0.9.</summary>
    public double LayerwiseDecay { get; init; } = 0.9;
    /// <summary>Extra lr factor of the patch embedding. Default 0.2.</summary>
    public double PatchEmbedLrMultiplier { get; init; } = 0.2;
    /// <summary>Max gradient L2 norm per module (backbone, each head); 0 disables. Default 3.0.</summary>
    public double ClipGradNorm { get; init; } = 3.0;
    /// <summary>Steps during which the heads' last (prototype) layer is frozen. Default 0 (DINOv2: one epoch).</summary>
    public int FreezeLastLayerSteps { get; init; }

    public IEnumerable<string> Validate(int totalSteps)
    {
        var errors = new List<string>();
        errors.AddRange(OptionsValidation.Positive("Train:Optim:BaseLr", BaseLr));
        errors.AddRange(OptionsValidation.InRange("Train:Optim:MinLr", MinLr, 0, BaseLr));
        errors.AddRange(OptionsValidation.InRange("Train:Optim:WarmupSteps", WarmupSteps, 0, totalSteps));
        errors.AddRange(OptionsValidation.InRange("Train:Optim:WeightDecay", WeightDecay, 0, 10));
        errors.AddRange(OptionsValidation.InRange("Train:Optim:WeightDecayEnd", WeightDecayEnd, 0, 10));
        errors.AddRange(OptionsValidation.InRange("Train:Optim:Beta1", Beta1, 0, 0.999999));
        errors.AddRange(OptionsValidation.InRange("Train:Optim:Beta2", Beta2, 0, 0.999999999));
        errors.AddRange(OptionsValidation.Positive("Train:Optim:Eps", Eps));
        errors.AddRange(OptionsValidation.InRange("Train:Optim:LayerwiseDecay", LayerwiseDecay, 0.01, 1));
        errors.AddRange(OptionsValidation.InRange("Train:Optim:PatchEmbedLrMultiplier", PatchEmbedLrMultiplier, 0, 10));
        errors.AddRange(OptionsValidation.InRange("Train:Optim:ClipGradNorm", ClipGradNorm, 0, 1e6));
        errors.AddRange(OptionsValidation.InRange("Train:Optim:FreezeLastLayerSteps", FreezeLastLayerSteps, 0, totalSteps));
        return errors;
    }
}
