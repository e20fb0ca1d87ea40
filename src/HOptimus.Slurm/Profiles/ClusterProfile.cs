using System.Text.Json.Serialization;
using HOptimus.Core;
using HOptimus.Slurm.Submission;

namespace HOptimus.Slurm.Profiles;

/// <summary>A cluster's conventions: jobs/profiles/&lt;name&gt;.json (jean-zay-h100, local).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ClusterProfile : IValidatable
{
    /// <summary>Profile name; also the HOPT_PROFILE the jobs get unless <see cref="Env"/> says otherwise.</summary>
    public string Name { get; init; } = "";
    /// <summary>env/&lt;Env&gt;.sh is what jobs/common.sh sources (the only `module load`); default: the profile name.</summary>
    public string? Env { get; init; }
    /// <summary>GPU nodes (train, eval).</summary>
    public PartitionProfile Gpu { get; init; } = new();
    /// <summary>CPU nodes (pack, consolidate, report).</summary>
    public PartitionProfile Cpu { get; init; } = new();
    /// <summary>Retry budget of sbatch/squeue/sacct against an unresponsive controller.</summary>
    public RetryOptions SubmitRetry { get; init; } = new();

    [JsonIgnore]
    public string EnvName => Env ?? Name;

    public PartitionProfile For(PartitionKind kind) => kind == PartitionKind.Gpu ? Gpu : Cpu;

    public IEnumerable<string> Validate()
    {
        foreach (var e in SlurmValue.Check("name", Name, SlurmValue.Kind.Name)) yield return e;
        foreach (var e in SlurmValue.Check("env", EnvName, SlurmValue.Kind.Name)) yield return e;
        foreach (var (key, p) in new[] { ("gpu", Gpu), ("cpu", Cpu) })
        {
            foreach (var e in SlurmValue.CheckOptional($"{key}.partition", p.Partition, SlurmValue.Kind.Token)) yield return e;
            foreach (var e in SlurmValue.CheckOptional($"{key}.accountFormat", p.AccountFormat?.Replace("{project}", "p"), SlurmValue.Kind.Token)) yield return e;
            foreach (var e in SlurmValue.CheckOptional($"{key}.constraint", p.Constraint, SlurmValue.Kind.Constraint)) yield return e;
            foreach (var e in SlurmValue.CheckOptional($"{key}.hint", p.Hint, SlurmValue.Kind.Token)) yield return e;
            if (p.GpusPerNode < 0) yield return $"{key}.gpusPerNode: must be >= 0, got {p.GpusPerNode}";
            if (p.CpusPerNode < 1) yield return $"{key}.cpusPerNode: must be >= 1, got {p.CpusPerNode}";
            if (p.CpusPerGpu < 1) yield return $"{key}.cpusPerGpu: must be >= 1, got {p.CpusPerGpu}";
            foreach (var q in p.Qos)
            {
                foreach (var e in SlurmValue.Check($"{key}.qos.name", q.Name, SlurmValue.Kind.Token)) yield return e;
                if (q.MaxWallHours <= 0) yield return $"{key}.qos[{q.Name}].maxWallHours: must be > 0, got {q.MaxWallHours}";
            }
            if (p.Qos.Count > 0 && p.DefaultQos is not null && p.FindQos(p.DefaultQos) is null)
                yield return $"{key}.defaultQos: '{p.DefaultQos}' is not one of {string.Join(", ", p.Qos.Select(q => q.Name))}";
        }
        foreach (var e in SubmitRetry.Validate("submitRetry")) yield return e;
    }

    /// <summary>Loads a profile by name (jobs/profiles/&lt;name&gt;.json under <paramref name="profilesDirectory"/>) or by path.</summary>
    public static ClusterProfile Load(string nameOrPath, string profilesDirectory)
    {
        var path = nameOrPath.EndsWith(".json", StringComparison.Ordinal) || nameOrPath.Contains('/')
            ? nameOrPath
            : Path.Combine(profilesDirectory, nameOrPath + ".json");
        if (!File.Exists(path))
        {
            var known = Directory.Exists(profilesDirectory)
                ? string.Join(", ", Directory.GetFiles(profilesDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).Order())
                : "none";
            throw HoptException.Usage($"--profile {nameOrPath}: no profile at {path} (known: {known})");
        }
        try
        {
            return Json.Read<ClusterProfile>(path).Validated();
        }
        catch (HoptException e) when (e.ExitCode == ExitCodes.Usage)
        {
            throw HoptException.Usage($"{path}: {e.Message}");
        }
    }
}
