namespace HOptimus.Model;

/// <summary>H-optimus-1's input normalisation (bioptimus/H-optimus-1 model card), RGB in [0, 1].</summary>
public static class Normalization
{
    public static IReadOnlyList<float> Mean { get; } = [0.707223f, 0.578729f, 0.703617f];
    public static IReadOnlyList<float> Std { get; } = [0.211883f, 0.230117f, 0.177517f];
}
