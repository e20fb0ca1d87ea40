using HOptimus.Core;
using static TorchSharp.torch;

namespace HOptimus.Evaluation.Features;

/// <summary>How features are computed: images per forward pass, where, and how many threads decode.</summary>
public sealed record ExtractionSettings(int BatchSize, Device Device, int DecodeThreads)
{
    /// <summary>Resolves "auto" (cuda when available), "cpu", "cuda" or "cuda:N"; asking for a missing GPU is a usage error.</summary>
    public static Device ResolveDevice(string device)
    {
        if (device == "auto") return cuda.is_available() ? CUDA : CPU;
        if (device.StartsWith("cuda", StringComparison.Ordinal) && !cuda.is_available())
            throw HoptException.Usage($"device: '{device}' asked for, but no CUDA device is visible (CPU build of libtorch, or no GPU allocated?)");
        return new Device(device);
    }
}
