namespace HOptimus.Core;

/// <summary>The run folder contract of DESIGN.md: the same layout on a laptop and on $SCRATCH.</summary>
public sealed record RunDirectory(string Root)
{
    public string RunJson => Path.Combine(Root, "run.json");
    public string JobsJson => Path.Combine(Root, "jobs.json");
    public string Logs => Path.Combine(Root, "logs");
    public string Tiles => Path.Combine(Root, "tiles");
    public string Checkpoints => Path.Combine(Root, "checkpoints");
    public string Exports => Path.Combine(Root, "exports");
    public string Eval => Path.Combine(Root, "eval");
    public string MetricsJsonl => Path.Combine(Root, "metrics.jsonl");
    public string Report => Path.Combine(Root, "report");

    public RunDirectory Create()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Logs);
        return this;
    }
}
