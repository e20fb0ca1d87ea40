using HOptimus.Core;

namespace HOptimus.Slurm.Submission;

/// <summary>&lt;run&gt;/jobs.json: the submitted chain, rewritten atomically after every change.</summary>
public sealed record ChainRecord
{
    public int FormatVersion { get; init; } = 1;
    public string Name { get; init; } = "";
    public string RunDirectory { get; init; } = "";
    public string Profile { get; init; } = "";
    public string? Account { get; init; }
    public IReadOnlyList<StageRecord> Stages { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> AllJobIds => Stages.SelectMany(s => s.Jobs.Select(j => j.JobId));

    public void Write(string path) => Json.WriteAtomic(path, this);

    public static ChainRecord Read(string runDirectory)
    {
        var path = new RunDirectory(runDirectory).JobsJson;
        if (!File.Exists(path)) throw HoptException.Usage($"{path}: not found; is {runDirectory} a run submitted by `hopt submit`?");
        return Json.Read<ChainRecord>(path);
    }
}
