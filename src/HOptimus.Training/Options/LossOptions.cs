using HOptimus.Core;

namespace HOptimus.Training.Options;

/// <summary>Weights and temperatures of the DINOv2 objective.</summary>
public sealed record LossOptions
{
    /// <summary>Weight of the DINO (CLS) loss. Default 1.0.</summary>
    public double DinoWeight { get; init; } = 1.0;
    /// <summary>Weight of the iBOT masked-patch loss; 0 disables masking. Default 1.0.</summary>
    public double IbotWeight { get; init; } = 1.0;
    /// <summary>Weight of the KoLeo regulariser on the student's global CLS features. Default 0.1.</summary>
    public double KoLeoWeight { get; init; } = 0.1;
    /// <summary>Student softmax temperature. Default 0.1.</summary>
    public double StudentTemperature { get; init; } = 0.1;
    /// <summary>Sinkhorn-Knopp iterations of the teacher centring. Default 3.</summary>
    public int SinkhornIterations { get; init; } = 3;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(OptionsValidation.InRange("Train:Loss:DinoWeight", DinoWeight, 0, 100));
        errors.AddRange(OptionsValidation.InRange("Train:Loss:IbotWeight", IbotWeight, 0, 100));
        errors.AddRange(OptionsValidation.InRange("Train:Loss:KoLeoWeight", KoLeoWeight, 0, 100));
        errors.AddRange(OptionsValidation.Positive("Train:Loss:StudentTemperature", StudentTemperature));
        errors.AddRange(OptionsValidation.InRange("Train:Loss:SinkhornIterations", SinkhornIterations, 1, 100));
        if (DinoWeight + IbotWeight == 0) errors.Add("Train:Loss: DinoWeight and IbotWeight cannot both be 0");
        return errors;
    }
}
