using System.Text.Json;
using System.Text.Json.Serialization;
using HOptimus.Slurm.Profiles;

namespace HOptimus.Slurm.Pipelines;

/// <summary>
/// What one stage asks of the cluster, and the config its executable gets. Resources left null take
/// the profile's value for the stage's node kind (a GPU stage: all GPUs of a node, one task per GPU,
/// the node's cores per GPU).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record StageSpec
{
    /// <summary>Node kind; default: GPU for train and eval, CPU for pack, consolidate and report.</summary>
    public PartitionKind? Partition { get; init; }
    /// <summary>--qos; default: the profile's default QoS for the node kind.</summary>
    public string? Qos { get; init; }
    /// <summary>--time, minutes; default 60.</summary>
    public int TimeMinutes { get; init; } = 60;
    /// <summary>--nodes; default 1. More than one makes a multi-node job (exclusive nodes, charged nodes × GPUs per node).</summary>
    public int Nodes { get; init; } = 1;
    /// <summary>GPUs per node (--gres=gpu:N); default: all of the profile's on a GPU stage, 0 on a CPU stage.</summary>
    public int? GpusPerNode { get; init; }
    /// <summary>--ntasks-per-node; default: one per GPU on a GPU stage, 1 on a CPU stage.</summary>
    public int? TasksPerNode { get; init; }
    /// <summary>--cpus-per-task; default: the profile's cores per GPU on a GPU stage, 1 on a CPU stage.</summary>
    public int? CpusPerTask { get; init; }
    /// <summary>--mem, GiB per node; default: none (the cluster's per-CPU default).</summary>
    public double? MemoryGiB { get; init; }
    /// <summary>Job array size, pack only (--array=0-(N-1)); default: no array.</summary>
    public int? ArrayTasks { get; init; }
    /// <summary>Array tasks running at once (the %N of --array); default: all.</summary>
    public int? ArrayConcurrency { get; init; }
    /// <summary>Seconds before the wall clock at which USR2 is sent (--signal=USR2@N), train only; default: the script's own.</summary>
    public int? SignalMarginSeconds { get; init; }
    /// <summary>Requeues after time-outs before the stage gives up (exit 75) and waits for `hopt resubmit`; train only; default 3.</summary>
    public int MaxRequeues { get; init; } = 3;
    /// <summary>
    /// The executable's config, written verbatim to &lt;run&gt;/config/&lt;stage&gt;.json; default: {}. In a
    /// pipeline file, "configFiles": [recipe paths] beside it are merged first (PipelineLoader).
    /// </summary>
    public JsonElement? Config { get; init; }
}
