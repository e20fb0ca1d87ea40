using HOptimus.Core;
using HOptimus.Distributed;
using HOptimus.Model;
using Serilog;
using HOptimus.Training.Parallel;

namespace HOptimus.Training;

/// <summary>
/// What the trainer gets from its launcher besides options: the run folder, logger, stop signal and,
/// for multi-rank runs, the communicator. Single process: leave <see cref="Parallel"/> default.
/// </summary>
public sealed record TrainerContext(RunDirectory Run, ILogger Log)
{
    public ShutdownSignal? Signal { get; init; }
    public TrainerParallel Parallel { get; init; } = TrainerParallel.Single;
    public TrainerHooks Hooks { get; init; } = new();
    /// <summary>Rank on this node (SLURM_LOCALID): picks the GPU when the device is a bare "cuda".</summary>
    public int LocalRank { get; init; }
}

/// <summary>
/// The multi-rank seam: the communicator (null or size 1: one process) and the gradient bucket
/// settings. The trainer builds the data-parallel glue from it once the model exists.
/// </summary>
public sealed record TrainerParallel(ICommunicator? Communicator, DataParallelOptions Options)
{
    public static TrainerParallel Single { get; } = new(null, new DataParallelOptions());
    public int Rank => Communicator?.Rank ?? 0;
    public int WorldSize => Communicator?.Size ?? 1;
    /// <summary>The communicator when there are several ranks, else null.</summary>
    public ICommunicator? Multi => Communicator is { Size: > 1 } c ? c : null;

    /// <summary>In-place fp32 sum over ranks for the loss side (Sinkhorn-Knopp, mask counts); null for one rank.</summary>
    public TensorAllReduce? TensorSum => Multi is { } comm
        ? t =>
        {
            if (t.dtype != TorchSharp.torch.ScalarType.Float32) throw new ArgumentException($"all-reduce of a {t.dtype} tensor; fp32 expected");
            comm.AllReduceSum(TensorPointer.Of(t), t.numel(), ElementType.Float32);
        }
        : null;
}

/// <summary>Test seams that production never sets.</summary>
public sealed record TrainerHooks
{
    /// <summary>Replaces the total loss of a step before the finite check (step is the 0-based step index).</summary>
    public Func<long, TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>? TransformLoss { get; init; }
}

/// <summary>How a training run ended without an error.</summary>
public enum TrainOutcome
{
    /// <summary>TotalSteps reached, final checkpoint written: exit 0.</summary>
    Completed,
    /// <summary>A stop signal, agreed by every rank, checkpointed at a step boundary: exit 75.</summary>
    Stopped,
}
