using HOptimus.Core;

namespace HOptimus.Model;

/// <summary>Shape of a DINO or iBOT projection head; defaults are DINOv2's (dinov2/layers/dino_head.py).</summary>
public sealed record DinoHeadConfig : IValidatable
{
    /// <summary>Prototypes K, the softmax width (default 65536).</summary>
    public int OutDim { get; init; } = 65536;

    /// <summary>Width of the hidden MLP layers (default 2048).</summary>
    public int HiddenDim { get; init; } = 2048;

    /// <summary>Width of the L2-normalised bottleneck before the prototypes (default 256).</summary>
    public int BottleneckDim { get; init; } = 256;

    /// <summary>Linear layers in the MLP before the bottleneck normalisation (default 3).</summary>
    public int Layers { get; init; } = 3;

    public IEnumerable<string> Validate() =>
        OptionsValidation.Positive("head.OutDim", OutDim)
            .Concat(OptionsValidation.Positive("head.HiddenDim", HiddenDim))
            .Concat(OptionsValidation.Positive("head.BottleneckDim", BottleneckDim))
            .Concat(OptionsValidation.Positive("head.Layers", Layers));
}
