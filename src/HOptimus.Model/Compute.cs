// Shapes: B batch, N tokens, D width, H hidden.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// Explicit mixed precision (TorchSharp has no autocast): matmuls run in the compute dtype on bf16 copies of
/// the fp32 master weights. The cast is part of the graph, so gradients reach the fp32 weights.
/// </summary>
internal static class Compute
{
    public static ScalarType DType(Precision precision) =>
        precision == Precision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;

    public static Tensor Linear(Tensor x_BND, Linear layer, ScalarType dtype) =>
        dtype == ScalarType.Float32 && x_BND.dtype == ScalarType.Float32
            ? layer.forward(x_BND)
            : nn.functional.linear(x_BND.to(dtype), layer.weight!.to(dtype), layer.bias?.to(dtype));
}
