using HOptimus.Core;

namespace HOptimus.Evaluation.Tasks;

/// <summary>
/// A task's "dataset" section: labelled tile shards, or an image folder with a labels CSV. Exactly one of
/// <see cref="Shards"/> and <see cref="Images"/>. Relative paths are relative to the run directory.
/// </summary>
public sealed record DatasetOptions : IValidatable
{
    /// <summary>HDF5 tile shards with /labels (files or globs such as "tiles/eval-*.h5"). Default none.</summary>
    public string[]? Shards { get; init; }

    /// <summary>Folder of TIFF/PNG/JPEG patches. Default none.</summary>
    public string? Images { get; init; }

    /// <summary>CSV with a header row, one image per row. Default "&lt;images&gt;/labels.csv".</summary>
    public string? LabelsCsv { get; init; }

    /// <summary>CSV column with the image path relative to <see cref="Images"/>. Default "path".</summary>
    public string PathColumn { get; init; } = "path";

    /// <summary>CSV column with the class name. Default "label".</summary>
    public string LabelColumn { get; init; } = "label";

    /// <summary>CSV column with the patient id, used when present. Default "patient".</summary>
    public string PatientColumn { get; init; } = "patient";

    /// <summary>CSV column with the slide id, used when present. Default "slide".</summary>
    public string SlideColumn { get; init; } = "slide";

    /// <summary>CSV column with train/val/test, for split kind "column". Default "split".</summary>
    public string SplitColumn { get; init; } = "split";

    /// <summary>Class order for CSV labels (class index = position). Default: the distinct labels, sorted.</summary>
    public string[]? ClassNames { get; init; }

    public IEnumerable<string> Validate()
    {
        var hasShards = Shards is { Length: > 0 };
        if (hasShards == (Images is not null))
            yield return "dataset: set exactly one of shards (tile shards with /labels) and images (a patch folder)";
        if (Shards is { Length: 0 }) yield return "dataset.shards: empty list";
        if (LabelsCsv is not null && Images is null) yield return "dataset.labelsCsv: only for an images dataset";
        if (ClassNames is not null && ClassNames.Distinct().Count() != ClassNames.Length)
            yield return "dataset.classNames: names repeat";
    }

    public string ResolvedLabelsCsv(string root) =>
        Path.GetFullPath(LabelsCsv ?? Path.Combine(Images ?? "", "labels.csv"), root);
}
