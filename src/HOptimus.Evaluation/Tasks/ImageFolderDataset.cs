using System.Text;
using HOptimus.Core;
using HOptimus.Evaluation.Images;

namespace HOptimus.Evaluation.Tasks;

/// <summary>Loads an image folder with a labels CSV; every row must name an existing image and a known class.</summary>
public static class ImageFolderDataset
{
    public static LabelledDataset Load(DatasetOptions options, string root)
    {
        var folder = Path.GetFullPath(options.Images!, root);
        if (!Directory.Exists(folder)) throw HoptException.BadInput($"{folder}: image folder not found (dataset.images)");
        var csv = CsvTable.Read(options.ResolvedLabelsCsv(root));
        var pathColumn = csv.RequireColumn(options.PathColumn, "dataset.pathColumn");
        var labelColumn = csv.RequireColumn(options.LabelColumn, "dataset.labelColumn");
        var patientColumn = csv.Column(options.PatientColumn);
        var slideColumn = csv.Column(options.SlideColumn);
        var splitColumn = csv.Column(options.SplitColumn);
        var classNames = options.ClassNames ?? csv.Rows.Select(r => r.Fields[labelColumn]).Where(l => l != "").Distinct().Order(StringComparer.Ordinal).ToArray();
        var classIndex = classNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);

        var samples = new List<LabelledSample>();
        var problems = new List<string>();
        var seen = new Dictionary<string, int>();
        var fingerprint = new StringBuilder(Checksums.Sha256File(csv.Path));
        foreach (var (line, fields) in csv.Rows)
        {
            var relative = fields[pathColumn];
            var label = fields[labelColumn];
            var where = $"{csv.Path} line {line}";
            var file = Path.GetFullPath(relative, folder);
            if (relative == "") problems.Add($"{where}: empty {options.PathColumn}");
            else if (!File.Exists(file)) problems.Add($"{where}: '{relative}' names a missing image ({file})");
            else if (!ImageDecoder.Extensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
                problems.Add($"{where}: '{relative}' is not a TIFF, PNG or JPEG file");
            else if (seen.TryGetValue(relative, out var first)) problems.Add($"{where}: '{relative}' is listed again (first on line {first})");
            if (!classIndex.TryGetValue(label, out var index))
                problems.Add(label == "" ? $"{where}: empty {options.LabelColumn}" : $"{where}: label '{label}' is not in dataset.classNames");
            seen.TryAdd(relative, line);
            if (problems.Count > 0) continue;
            var info = new FileInfo(file);
            fingerprint.Append($"|{relative}:{info.Length}:{info.LastWriteTimeUtc.Ticks}");
            samples.Add(new LabelledSample(relative, index,
                patientColumn >= 0 ? NullIfEmpty(fields[patientColumn]) : null,
                slideColumn >= 0 ? NullIfEmpty(fields[slideColumn]) : null,
                splitColumn >= 0 ? NullIfEmpty(fields[splitColumn]) : null));
        }
        if (problems.Count > 0)
            throw HoptException.BadInput($"{problems.Count} problem(s) in the labels:\n  - " + string.Join("\n  - ", problems.Take(20))
                                         + (problems.Count > 20 ? $"\n  - ... and {problems.Count - 20} more" : ""));
        var keys = samples.Select(s => s.Key).ToArray();
        return new LabelledDataset($"{csv.Path} ({samples.Count} images in {folder})", classNames, samples,
            Checksums.Sha256(Encoding.UTF8.GetBytes(fingerprint.ToString())),
            () => new FolderImages(folder, keys));
    }

    private static string? NullIfEmpty(string value) => value == "" ? null : value;

    private sealed class FolderImages(string folder, string[] keys) : IImageSource
    {
        public RgbImage Read(int sample) => ImageDecoder.Decode(Path.Combine(folder, keys[sample]));
        public void Dispose() { }
    }
}
