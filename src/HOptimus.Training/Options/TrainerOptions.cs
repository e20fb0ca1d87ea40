using HOptimus.Core;

namespace HOptimus.Training.Options;

/// <summary>
/// Everything hopt-train needs, bound from the "Train" section of a recipe/config (ConfigLoader), then
/// --set Train:Key=value. Step counts are optimizer steps; one step consumes one global batch.
/// Defaults are DINOv2's (dinov2/configs/ssl_default_config.yaml) translated from epochs to steps.
/// </summary>
public sealed record TrainerOptions : IValidatable
{
    public const string Section = "Train";

    /// <summary>Optimizer steps to train for. Default 1000.</summary>
    public int TotalSteps { get; init; } = 1000;
    /// <summary>Seed of every random choice (order, crops, masks, init, drop-path). Default 0.</summary>
    public long Seed { get; init; }
    /// <summary>"cpu" or "cuda:N". Default "cpu"; hopt-train --device overrides it.</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>libtorch intra-op threads; 0 keeps libtorch's default (one per core). Default 0.</summary>
    public int TorchThreads { get; init; }
    /// <summary>Write a metrics.jsonl line (and TensorBoard scalars) every N steps. Default 10.</summary>
    public int LogEverySteps { get; init; } = 10;
    /// <summary>Consecutive steps with a NaN/inf loss that are skipped before the run stops. Default 10.</summary>
    public int MaxConsecutiveNonFiniteSteps { get; init; } = 10;
    /// <summary>Write TensorBoard event files beside metrics.jsonl. Default true.</summary>
    public bool TensorBoard { get; init; } = true;

    public ModelOptions Model { get; init; } = new();
    public DataOptions Data { get; init; } = new();
    public CropOptions Crops { get; init; } = new();
    public AugmentOptions Augment { get; init; } = new();
    public MaskOptions Mask { get; init; } = new();
    public OptimOptions Optim { get; init; } = new();
    public TeacherOptions Teacher { get; init; } = new();
    public LossOptions Loss { get; init; } = new();
    public CheckpointOptions Checkpoint { get; init; } = new();

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(OptionsValidation.Positive("Train:TotalSteps", TotalSteps));
        errors.AddRange(OptionsValidation.Positive("Train:LogEverySteps", LogEverySteps));
        errors.AddRange(OptionsValidation.Positive("Train:MaxConsecutiveNonFiniteSteps", MaxConsecutiveNonFiniteSteps));
        errors.AddRange(OptionsValidation.InRange("Train:TorchThreads", TorchThreads, 0, 1024));
        if (!DeviceName.IsValid(Device))
            errors.Add($"Train:Device: expected \"cpu\" or \"cuda:N\", got \"{Device}\"");
        errors.AddRange(Model.Validate());
        errors.AddRange(Data.Validate());
        errors.AddRange(Crops.Validate());
        errors.AddRange(Augment.Validate());
        errors.AddRange(Mask.Validate());
        errors.AddRange(Optim.Validate(TotalSteps));
        errors.AddRange(Teacher.Validate());
        errors.AddRange(Loss.Validate());
        errors.AddRange(Checkpoint.Validate());
        return errors;
    }
}
