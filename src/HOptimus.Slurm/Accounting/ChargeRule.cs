using HOptimus.Slurm.Profiles;

namespace HOptimus.Slurm.Accounting;

/// <summary>
/// How a GPU machine charges an allocation (PLATFORM.md, IDRIS rule): GPUs reserved × elapsed; a
/// job asking a larger share of the node's CPUs (or memory) than of its GPUs is charged that share
/// of the node's GPUs; a multi-node job holds whole nodes (nodes × GPUs per node). Jobs on other
/// partitions without GPUs are counted in CPU-hours, apart.
/// Example (Jean Zay, 4 GPUs and 96 cores a node): 1 GPU with 48 cores = max(1/4, 48/96) × 4 = 2 GPUs charged.
/// </summary>
public sealed class ChargeRule(PartitionProfile gpuNodes)
{
    public bool IsGpuJob(SacctRecord r) =>
        r.Gpus > 0 || (gpuNodes.Partition is not null && r.Partition == gpuNodes.Partition);

    /// <summary>GPUs the allocation is charged for while the job holds its nodes.</summary>
    public double ChargedGpus(SacctRecord r)
    {
        if (!IsGpuJob(r) || gpuNodes.GpusPerNode == 0) return 0;
        if (r.Nodes > 1) return r.Nodes * gpuNodes.GpusPerNode;
        var gpuShare = (double)r.Gpus / gpuNodes.GpusPerNode;
        var cpuShare = (double)r.Cpus / gpuNodes.CpusPerNode;
        var memShare = gpuNodes.MemoryGiBPerNode is { } node && r.MemoryMiB is { } mem ? mem / 1024 / node : 0;
        return Math.Min(1, Math.Max(gpuShare, Math.Max(cpuShare, memShare))) * gpuNodes.GpusPerNode;
    }

    public Charge Charge(SacctRecord r, long seconds)
    {
        var hours = seconds / 3600.0;
        var gpus = ChargedGpus(r);
        return IsGpuJob(r) ? new Charge(gpus, gpus * hours, 0) : new Charge(0, 0, r.Cpus * hours);
    }
}

/// <summary>One allocation's cost: GPUs charged while it ran, GPU-hours, and CPU-hours of CPU-only jobs.</summary>
public readonly record struct Charge(double ChargedGpus, double GpuHours, double CpuHours);
