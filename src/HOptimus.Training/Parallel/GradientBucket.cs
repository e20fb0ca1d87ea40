using static TorchSharp.torch;

namespace HOptimus.Training.Parallel;

/// <summary>
/// A run of consecutive tensors that travel as one flat fp32 message: packed into a staging tensor
/// on their device (bf16 widened, so sums are fp32), all-reduced or broadcast, unpacked back.
/// </summary>
internal sealed class GradientBucket
{
    private readonly List<(Tensor Tensor, long Offset, long Count)> _slots = [];

    public long Count { get; private set; }

    public void Add(Tensor tensor)
    {
        _slots.Add((tensor, Count, tensor.numel()));
        Count += tensor.numel();
    }

    /// <summary>Copies each source into its slot of <paramref name="flat"/>; a null source (no gradient this step) stages zeros.</summary>
    public void Pack(Tensor flat, Func<Tensor, Tensor?> source)
    {
        foreach (var (tensor, offset, count) in _slots)
        {
            using var slot = flat.narrow(0, offset, count);
            if (source(tensor) is { } s)
            {
                using var values = s.reshape(-1);
                slot.copy_(values);
            }
            else slot.zero_();
        }
    }

    /// <summary>Copies each slot of <paramref name="flat"/> back into its target (cast to the target's dtype).</summary>
    public void Unpack(Tensor flat, Func<Tensor, Tensor?> target)
    {
        foreach (var (tensor, offset, count) in _slots)
        {
            if (target(tensor) is not { } t) continue;
            using var slot = flat.narrow(0, offset, count);
            using var shaped = slot.view(t.shape);
            t.copy_(shaped);
        }
    }
}
