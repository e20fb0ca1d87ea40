using HOptimus.Slurm.Pipelines;

namespace HOptimus.Slurm.Accounting;

/// <summary>hopt names its jobs &lt;run&gt;.&lt;stage&gt;; reports read run and stage back from the name.</summary>
public static class JobNames
{
    public static (string Run, string Stage) Split(string jobName)
    {
        var dot = jobName.LastIndexOf('.');
        if (dot > 0 && StageNames.Parse(jobName[(dot + 1)..]) is { } stage)
            return (jobName[..dot], stage.Id());
        return ("-", "other");
    }
}
