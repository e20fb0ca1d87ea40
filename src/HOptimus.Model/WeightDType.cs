using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>Storage dtype of exported weights.</summary>
public enum WeightDType
{
    Fp32,
    Bf16,
}

public static class WeightDTypes
{
    public static ScalarType ToScalarType(this WeightDType dtype) =>
        dtype == WeightDType.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;
}
