using System.Text.Json.Serialization;

namespace HOptimus.Cli.Verbs;

/// <summary>
/// &lt;run&gt;/config/report.json, the report stage's config (from the pipeline's stages.report.config),
/// read with --config; command-line flags win over it.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ReportSettings
{
    /// <summary>Slurm account; default: the run's.</summary>
    public string? Account { get; init; }
    /// <summary>Allocation, GPU-hours; default: none (no hours-left figures).</summary>
    public double? AllocationGpuHours { get; init; }
    /// <summary>Profile for the charge rule; default: the run's.</summary>
    public string? Profile { get; init; }
}
