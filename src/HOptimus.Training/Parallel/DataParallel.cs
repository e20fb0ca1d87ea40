using HOptimus.Core;
using HOptimus.Distributed;
using HOptimus.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HOptimus.Training.Parallel;

/// <summary>
/// Data parallelism over an <see cref="ICommunicator"/>, DDP's recipe without hooks: every rank
/// holds the whole model, starts from rank 0's weights, runs forward/backward on its own share of
/// the global batch, then calls <see cref="AverageGradients"/> before the optimizer step. The mean
/// of per-rank mean losses over equal shares equals the mean over the global batch, so N ranks at
/// batch B follow 1 rank at batch N*B (to fp32 rounding).
/// </summary>
public sealed class DataParallel : IDisposable
{
    private readonly ICommunicator _comm;
    private readonly List<GradientBucket> _buckets = [];
    private readonly Tensor[] _staging;

    /// <param name="parameters">Trainable parameters in the same order on every rank (module.parameters()).</param>
    public DataParallel(ICommunicator comm, IEnumerable<Parameter> parameters, DataParallelOptions? options = null)
    {
        _comm = comm;
        options ??= new DataParallelOptions();
        var trainable = parameters.Where(p => p.requires_grad).ToList();
        if (trainable.Count == 0) throw new ArgumentException("no trainable parameters", nameof(parameters));
        var device = trainable[0].device;
        // Device is a class without value equality: compare type and index.
        if (trainable.Any(p => p.device_type != device.type || p.device_index != device.index))
            throw HoptException.Usage("data parallelism needs every parameter on one device");
        if (comm.OnDevice != (device.type == TorchSharp.DeviceType.CUDA))
            throw HoptException.Usage($"{comm.GetType().Name} takes {(comm.OnDevice ? "device" : "host")} buffers but the parameters are on {device}: " +
                                      "use Distributed:Backend=nccl for CUDA parameters, mpi for CPU ones");
        foreach (var p in trainable)
        {
            if (p.dtype is not (ScalarType.Float32 or ScalarType.BFloat16))
                throw HoptException.Usage($"data parallelism supports fp32 and bf16 parameters, got {p.dtype}");
            if (_buckets.Count == 0 || _buckets[^1].Count + p.numel() > options.BucketElements) _buckets.Add(new GradientBucket());
            _buckets[^1].Add(p);
        }
        // A parameter larger than a bucket gets a bucket of its own, so staging is sized by the largest.
        var stagingElements = _buckets.Max(b => b.Count);
        _staging = Enumerable.Range(0, Math.Min(options.BucketsPerLaunch, _buckets.Count))
            .Select(_ => zeros(stagingElements, ScalarType.Float32, device)).ToArray();
    }

    public int Rank => _comm.Rank;
    public int Size => _comm.Size;
    /// <summary>Number of flat buckets (one all-reduce message each).</summary>
    public int BucketCount => _buckets.Count;

    /// <summary>Copies rank 0's parameter values to every rank; call once after building (or loading) the model.</summary>
    public void BroadcastParameters(int root = 0)
    {
        using var _ = no_grad();
        foreach (var b in _buckets)
        {
            using var flat = _staging[0].narrow(0, 0, b.Count);
            b.Pack(flat, p => p);
            _comm.Broadcast(TensorPointer.Of(flat), b.Count, ElementType.Float32, root);
            b.Unpack(flat, p => p);
        }
    }

    /// <summary>
    /// Replaces every gradient by its mean over the ranks. A parameter without a gradient this step
    /// contributes zeros, so every rank still sends the same buffers; it stays without a gradient.
    /// </summary>
    public void AverageGradients()
    {
        if (Size == 1) return;
        using var _ = no_grad();
        for (var first = 0; first < _buckets.Count; first += _staging.Length)
        {
            var launch = _buckets.Skip(first).Take(_staging.Length).ToArray();
            var flats = launch.Select((b, i) => _staging[i].narrow(0, 0, b.Count)).ToArray();
            for (var i = 0; i < launch.Length; i++) launch[i].Pack(flats[i], p => p.grad);
            _comm.AllReduceSum(flats.Select(f => new CollectiveBuffer(TensorPointer.Of(f), f.numel(), ElementType.Float32)).ToList());
            // 1/Size is exact for power-of-two worlds; the mean matches a single rank's batch mean.
            using var inverseSize = HeldScalar.Of(1.0 / Size);
            for (var i = 0; i < launch.Length; i++)
            {
                flats[i].mul_(inverseSize);
                launch[i].Unpack(flats[i], p => p.grad);
                flats[i].Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var s in _staging) s.Dispose();
    }
}
