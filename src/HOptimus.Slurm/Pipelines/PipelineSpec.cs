using System.Text.Json;
using System.Text.Json.Serialization;
using HOptimus.Core;
using HOptimus.Slurm.Submission;

namespace HOptimus.Slurm.Pipelines;

/// <summary>A pipeline file (jobs/pipelines/*.json): which stages run, with what resources and configs.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PipelineSpec : IValidatable
{
    /// <summary>Run name; job names are &lt;name&gt;.&lt;stage&gt;, which is how reports find a run's jobs.</summary>
    public string Name { get; init; } = "";
    /// <summary>Run directory; a relative path is taken from the current directory.</summary>
    public string RunDirectory { get; init; } = "";
    /// <summary>Allocation project, put into the profile's account format (Jean Zay: &lt;project&gt;@h100); default none.</summary>
    public string? Project { get; init; }
    /// <summary>HOPT_BIN for the jobs (folder of the published executables); default: jobs/common.sh's.</summary>
    public string? BinDirectory { get; init; }
    public PipelineStages Stages { get; init; } = new();

    public IEnumerable<string> Validate()
    {
        foreach (var e in SlurmValue.Check("name", Name, SlurmValue.Kind.Name)) yield return e;
        if (string.IsNullOrWhiteSpace(RunDirectory)) yield return "runDirectory: must not be empty";
        else foreach (var e in SlurmValue.Check("runDirectory", Path.GetFullPath(RunDirectory), SlurmValue.Kind.Path)) yield return e;
        if (BinDirectory is not null)
            foreach (var e in SlurmValue.Check("binDirectory", Path.GetFullPath(BinDirectory), SlurmValue.Kind.Path)) yield return e;
        foreach (var e in SlurmValue.CheckOptional("project", Project, SlurmValue.Kind.Token)) yield return e;
        if (!Stages.Enabled().Any()) yield return "stages: at least one stage is needed";
        foreach (var (stage, spec) in Stages.Enabled())
            foreach (var e in ValidateStage($"stages.{stage.Id()}", stage, spec)) yield return e;
    }

    private static IEnumerable<string> ValidateStage(string key, Stage stage, StageSpec s)
    {
        foreach (var e in SlurmValue.CheckOptional($"{key}.qos", s.Qos, SlurmValue.Kind.Token)) yield return e;
        if (s.TimeMinutes < 1) yield return $"{key}.timeMinutes: must be >= 1, got {s.TimeMinutes}";
        if (s.Nodes < 1) yield return $"{key}.nodes: must be >= 1, got {s.Nodes}";
        if (s.GpusPerNode < 0) yield return $"{key}.gpusPerNode: must be >= 0, got {s.GpusPerNode}";
        if (s.TasksPerNode < 1) yield return $"{key}.tasksPerNode: must be >= 1, got {s.TasksPerNode}";
        if (s.CpusPerTask < 1) yield return $"{key}.cpusPerTask: must be >= 1, got {s.CpusPerTask}";
        if (s.MemoryGiB <= 0) yield return $"{key}.memoryGiB: must be > 0, got {s.MemoryGiB}";
        if (s.MaxRequeues < 0) yield return $"{key}.maxRequeues: must be >= 0, got {s.MaxRequeues}";
        if ((s.ArrayTasks is not null || s.ArrayConcurrency is not null) && stage != Stage.Pack)
            yield return $"{key}: arrayTasks/arrayConcurrency are for the pack stage only";
        if (s.ArrayTasks < 1) yield return $"{key}.arrayTasks: must be >= 1, got {s.ArrayTasks}";
        if (s.ArrayConcurrency < 1) yield return $"{key}.arrayConcurrency: must be >= 1, got {s.ArrayConcurrency}";
        if (s.ArrayConcurrency is not null && s.ArrayTasks is null) yield return $"{key}.arrayConcurrency: needs arrayTasks";
        if (s.SignalMarginSeconds is not null && stage != Stage.Train)
            yield return $"{key}.signalMarginSeconds: is for the train stage only";
        if (s.SignalMarginSeconds is { } m && (m < 1 || m >= s.TimeMinutes * 60))
            yield return $"{key}.signalMarginSeconds: must be in [1, timeMinutes*60), got {m}";
        if (s.Config is { } c && c.ValueKind != JsonValueKind.Object)
            yield return $"{key}.config: must be a JSON object, got {c.ValueKind}";
    }
}
