using System.Text.Json.Serialization;
using HOptimus.Core;
using HOptimus.Slides;
using HOptimus.Tiles;

namespace HOptimus.Pack;

/// <summary>hopt-pack's configuration: section "Pack" of the config file (flags and --set Pack:Key=value override it).</summary>
public sealed record PackOptions : IValidatable
{
    /// <summary>Slide list: a CSV (slide_id,path,organ,patient_id[,mpp]; relative paths against the CSV's folder) or a folder of slides. Required.</summary>
    public string Slides { get; init; } = "";
    /// <summary>Tile codec, "jpeg" or "raw" (default jpeg).</summary>
    public TileCodecKind Codec { get; init; } = TileCodecKind.Jpeg;
    /// <summary>JPEG quality 1..100 (default 90).</summary>
    public int JpegQuality { get; init; } = 90;
    /// <summary>µm/px forced on every slide, overriding metadata and the list (default none).</summary>
    public double? Mpp { get; init; }
    /// <summary>A shard is closed at the first slide boundary past this many tiles (default 50,000: ~1 GB of JPEG, 7.5 GB raw).</summary>
    public int TilesPerShard { get; init; } = 50_000;
    /// <summary>Read JPEG-tiled TIFF levels without OpenSlide's compositing where that gives its bytes exactly (default true;
    /// false reads everything through OpenSlide).</summary>
    public bool DirectTiffReads { get; init; } = true;
    /// <summary>Reader/encoder threads; 0 = every core this task may use (default 0).</summary>
    public int Threads { get; init; }
    /// <summary>This task's index, 0-based; null = from SLURM_ARRAY_TASK_ID (minus the array's first id), else 0.</summary>
    public int? Task { get; init; }
    /// <summary>Number of tasks sharing the list; null = SLURM_ARRAY_TASK_COUNT, else 1.</summary>
    public int? Tasks { get; init; }
    /// <summary>Write tiles/thumbnails/&lt;slide&gt;.png per slide (default true).</summary>
    public bool Thumbnails { get; init; } = true;
    /// <summary>Seconds between rate/ETA log lines (default 10).</summary>
    public double ProgressSeconds { get; init; } = 10;
    /// <summary>Where tiles wait until their shard is written when libhdf5 cannot be loaded (PureHDF path); default the
    /// tiles folder (node-local $TMPDIR is faster on clusters). With libhdf5 tiles go straight into the shard's temp file.</summary>
    public string? SpoolDirectory { get; init; }
    /// <summary>Extensions taken from a folder slide list; null = the formats OpenSlide reads (<see cref="SlideExtensions"/>).
    /// Null rather than a default list because the config binder merges a configured array into a default one.</summary>
    public string[]? FolderExtensions { get; init; }

    public static readonly string[] SlideExtensions = [".svs", ".tif", ".tiff", ".ndpi", ".vms", ".vmu", ".scn", ".mrxs", ".svslide", ".bif"];

    [JsonIgnore]
    public IReadOnlyCollection<string> Extensions => FolderExtensions ?? SlideExtensions;
    public TilingOptions Tiling { get; init; } = new();

    [JsonIgnore]
    public ShardHeader Header => new(Codec, Tiling.PatchSize, Tiling.TargetMpp, JpegQuality);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Slides)) yield return "Pack:Slides: required (a CSV slide list or a folder of slides; flag --slides)";
        foreach (var e in OptionsValidation.InRange("Pack:JpegQuality", JpegQuality, 1, 100)) yield return e;
        if (Mpp is double m) foreach (var e in OptionsValidation.Positive("Pack:Mpp", m)) yield return e;
        foreach (var e in OptionsValidation.Positive("Pack:TilesPerShard", TilesPerShard)) yield return e;
        foreach (var e in OptionsValidation.InRange("Pack:Threads", Threads, 0, 1024)) yield return e;
        if (Tasks is int n && n < 1) yield return $"Pack:Tasks: must be >= 1, got {n}";
        if (Task is int i && (i < 0 || (Tasks is int count && i >= count))) yield return $"Pack:Task: must be in [0, Tasks), got {i}";
        foreach (var e in OptionsValidation.Positive("Pack:ProgressSeconds", ProgressSeconds)) yield return e;
        foreach (var e in Tiling.Validate()) yield return "Pack:" + e;
    }
}
