using System.Text.Json.Serialization;

namespace HOptimus.Slurm.Profiles;

/// <summary>What one QoS lets a job ask for; checked before anything is submitted.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record QosLimit
{
    /// <summary>QoS name as Slurm knows it, e.g. qos_gpu_h100-t3.</summary>
    public string Name { get; init; } = "";
    /// <summary>Longest wall time, hours (Jean Zay: t3 20 h, t4 100 h, dev 2 h).</summary>
    public double MaxWallHours { get; init; }
    /// <summary>Most GPUs one job may hold; null = no cap (t3 512, t4 64, dev 32).</summary>
    public int? MaxGpus { get; init; }
    /// <summary>Most nodes one job may hold; null = no cap.</summary>
    public int? MaxNodes { get; init; }
    /// <summary>Most jobs submitted at once in this QoS (array tasks count one each); null = no cap (dev: 10).</summary>
    public int? MaxSubmittedJobs { get; init; }
}
