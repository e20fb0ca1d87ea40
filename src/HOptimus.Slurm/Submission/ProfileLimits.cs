using System.Globalization;
using HOptimus.Slurm.Pipelines;

namespace HOptimus.Slurm.Submission;

/// <summary>
/// Refuses, before anything is submitted, a request the profile's QoS or nodes cannot hold, naming
/// the limit: Slurm would otherwise queue it for ever (QOSMaxGRESPerUser) or reject it mid-chain.
/// </summary>
public static class ProfileLimits
{
    public static IReadOnlyList<string> Check(string profileName, IReadOnlyList<StageJob> jobs)
    {
        var errors = new List<string>();
        foreach (var j in jobs) errors.AddRange(CheckJob(profileName, j));
        foreach (var group in jobs.Where(j => j.Qos is not null).GroupBy(j => (j.Partition, j.Qos)))
        {
            var limit = group.Key.Partition.FindQos(group.Key.Qos);
            var queued = group.Sum(j => j.QueuedJobs);
            if (limit?.MaxSubmittedJobs is { } max && queued > max)
                errors.Add($"{string.Join("+", group.Select(j => j.Stage.Id()))}: {queued} jobs in {limit.Name} exceed its limit of {max} submitted jobs");
        }
        return errors;
    }

    private static IEnumerable<string> CheckJob(string profileName, StageJob j)
    {
        var key = $"stages.{j.Stage.Id()}";
        var p = j.Partition;
        var kind = j.Kind.ToString().ToLowerInvariant();
        if (j.GpusPerNode > p.GpusPerNode)
            yield return $"{key}: asks {j.GpusPerNode} GPUs per node; {kind} nodes of profile {profileName} have {p.GpusPerNode}";
        var cpus = j.TasksPerNode * j.CpusPerTask;
        if (cpus > p.CpusPerNode)
            yield return $"{key}: asks {j.TasksPerNode} tasks x {j.CpusPerTask} CPUs = {cpus} CPUs per node; {kind} nodes of profile {profileName} have {p.CpusPerNode}";
        if (p.MemoryGiBPerNode is { } mem && j.MemoryGiB > mem)
            yield return $"{key}: asks {j.MemoryGiB} GiB per node; {kind} nodes of profile {profileName} have {mem} GiB";
        if (p.Qos.Count == 0) yield break;
        if (j.Qos is null)
        {
            yield return $"{key}.qos: none given and profile {profileName} has no default {kind} QoS (known: {Known(p)})";
            yield break;
        }
        var limit = p.FindQos(j.Qos);
        if (limit is null)
        {
            yield return $"{key}.qos: '{j.Qos}' is not a {kind} QoS of profile {profileName} (known: {Known(p)})";
            yield break;
        }
        if (j.TimeMinutes > limit.MaxWallHours * 60)
            yield return $"{key}: wall time {Hours(j.TimeMinutes / 60.0)} h exceeds the wall-time limit of {limit.Name} ({Hours(limit.MaxWallHours)} h)";
        if (limit.MaxGpus is { } g && j.TotalGpus > g)
            yield return $"{key}: {j.TotalGpus} GPUs ({j.Nodes} nodes x {j.GpusPerNode}) exceed the GPU cap of {limit.Name} ({g} GPUs)";
        if (limit.MaxNodes is { } n && j.Nodes > n)
            yield return $"{key}: {j.Nodes} nodes exceed the node limit of {limit.Name} ({n} nodes)";
    }

    private static string Known(Profiles.PartitionProfile p) => string.Join(", ", p.Qos.Select(q => q.Name));

    private static string Hours(double h) => h.ToString("0.##", CultureInfo.InvariantCulture);
}
