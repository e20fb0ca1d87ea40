using System.Globalization;
using CommandLine;
using HOptimus.Core;

namespace HOptimus.Pack;

/// <summary>hopt-pack's flags: the common ones, the run folder, and shortcuts for the usual Pack:* keys.</summary>
public sealed class PackCommandLine : CommonOptions
{
    [Option("run", Required = true, HelpText = "Run directory; shards go to <run>/tiles.")]
    public string Run { get; set; } = "";

    [Option("slides", HelpText = "Slide list CSV (slide_id,path,organ,patient_id[,mpp]) or folder (= --set Pack:Slides=...).")]
    public string? Slides { get; set; }

    [Option("task", HelpText = "This task's index, 0-based (default: SLURM_ARRAY_TASK_ID, else 0).")]
    public int? Task { get; set; }

    [Option("tasks", HelpText = "Number of tasks sharing the list (default: SLURM_ARRAY_TASK_COUNT, else 1).")]
    public int? Tasks { get; set; }

    [Option("codec", HelpText = "jpeg or raw (default jpeg).")]
    public string? Codec { get; set; }

    [Option("quality", HelpText = "JPEG quality 1..100 (default 90).")]
    public int? Quality { get; set; }

    [Option("mpp", HelpText = "Force this µm/px on every slide, over metadata and the list.")]
    public double? Mpp { get; set; }

    [Option("threads", HelpText = "Reader/encoder threads (default 0 = all cores).")]
    public int? Threads { get; set; }

    /// <summary>The config files, then --set, then these flags, as Pack:* overrides.</summary>
    public IEnumerable<string> AllOverrides()
    {
        foreach (var o in Overrides) yield return o;
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        if (Slides is not null) yield return $"Pack:Slides={Path.GetFullPath(Slides)}";
        if (Task is int t) yield return $"Pack:Task={t}";
        if (Tasks is int n) yield return $"Pack:Tasks={n}";
        if (Codec is not null) yield return $"Pack:Codec={Codec}";
        if (Quality is int q) yield return $"Pack:JpegQuality={q}";
        if (Mpp is double m) yield return $"Pack:Mpp={F(m)}";
        if (Threads is int th) yield return $"Pack:Threads={th}";
    }
}
