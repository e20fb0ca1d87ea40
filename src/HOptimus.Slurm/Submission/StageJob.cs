using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Profiles;

namespace HOptimus.Slurm.Submission;

/// <summary>One stage's request with every default resolved from the profile: what sbatch is asked for.</summary>
public sealed record StageJob(
    Stage Stage,
    PartitionKind Kind,
    PartitionProfile Partition,
    string? Account,
    string? Qos,
    int TimeMinutes,
    int Nodes,
    int GpusPerNode,
    int TasksPerNode,
    int CpusPerTask,
    double? MemoryGiB,
    int? ArrayTasks,
    int? ArrayConcurrency,
    int? SignalMarginSeconds,
    int MaxRequeues)
{
    public int TotalGpus => Nodes * GpusPerNode;

    /// <summary>Jobs this stage puts in the queue: an array task counts as one job against QoS submit limits.</summary>
    public int QueuedJobs => ArrayTasks ?? 1;

    /// <summary>Only training checkpoints and requeues itself (USR2 before the wall, exit 75 after the cap).</summary>
    public bool Requeueable => Stage == Stage.Train;

    public static StageJob Resolve(Stage stage, StageSpec spec, ClusterProfile profile, string? project)
    {
        var kind = spec.Partition ?? (stage is Stage.Train or Stage.Eval ? PartitionKind.Gpu : PartitionKind.Cpu);
        var partition = profile.For(kind);
        var gpus = spec.GpusPerNode ?? (kind == PartitionKind.Gpu ? partition.GpusPerNode : 0);
        return new StageJob(
            stage, kind, partition,
            partition.AccountFor(project),
            spec.Qos ?? partition.DefaultQos,
            spec.TimeMinutes,
            spec.Nodes,
            gpus,
            spec.TasksPerNode ?? Math.Max(gpus, 1),
            spec.CpusPerTask ?? (gpus > 0 ? partition.CpusPerGpu : 1),
            spec.MemoryGiB,
            spec.ArrayTasks,
            spec.ArrayConcurrency,
            spec.SignalMarginSeconds,
            spec.MaxRequeues);
    }
}
