using System.Text.Json.Serialization;

namespace HOptimus.Slurm.Profiles;

/// <summary>One kind of node a profile offers (GPU or CPU) and the flags every job sent there carries.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PartitionProfile
{
    /// <summary>--partition; null leaves it to the constraint or the cluster's default.</summary>
    public string? Partition { get; init; }
    /// <summary>--account, with {project} replaced by the pipeline's project (Jean Zay: "{project}@h100"); null: no --account.</summary>
    public string? AccountFormat { get; init; }
    /// <summary>-C / --constraint (Jean Zay H100: "h100", without it jobs are refused); null: none.</summary>
    public string? Constraint { get; init; }
    /// <summary>--hint (Jean Zay: "nomultithread", one task per physical core); null: none.</summary>
    public string? Hint { get; init; }
    /// <summary>GPUs per node (Jean Zay H100: 4); 0 for CPU nodes.</summary>
    public int GpusPerNode { get; init; }
    /// <summary>Cores per node (Jean Zay H100: 96). The accounting's CPU-share rule divides by it.</summary>
    public int CpusPerNode { get; init; } = 1;
    /// <summary>Default --cpus-per-task of a GPU task: the node's cores per GPU (Jean Zay: 96 / 4 = 24).</summary>
    public int CpusPerGpu { get; init; } = 1;
    /// <summary>Node memory, GiB, for the memory-share charge rule; null: memory not charged.</summary>
    public double? MemoryGiBPerNode { get; init; }
    /// <summary>QoS used when a stage names none; must be one of <see cref="Qos"/> when that list is not empty.</summary>
    public string? DefaultQos { get; init; }
    /// <summary>The QoS this partition offers, with their limits; empty: nothing checked.</summary>
    public IReadOnlyList<QosLimit> Qos { get; init; } = [];

    public QosLimit? FindQos(string? name) =>
        name is null ? null : Qos.FirstOrDefault(q => string.Equals(q.Name, name, StringComparison.Ordinal));

    public string? AccountFor(string? project) =>
        AccountFormat is null ? null
        : AccountFormat.Contains("{project}") ? project is null ? null : AccountFormat.Replace("{project}", project)
        : AccountFormat;
}
