using System.Globalization;
using HOptimus.Core;

namespace HOptimus.Pack;

/// <summary>Reads the slide list: a CSV with a header (slide_id,path,organ,patient_id[,mpp]) or a folder.</summary>
public static class SlideList
{
    private static readonly string[] Required = ["slide_id", "path", "organ", "patient_id"];

    public static IReadOnlyList<SlideEntry> Load(string source, IReadOnlyCollection<string> folderExtensions)
    {
        if (Directory.Exists(source)) return FromFolder(source, folderExtensions);
        if (!File.Exists(source)) throw HoptException.BadInput($"{source}: slide list not found (expected a CSV file or a folder)");
        return FromCsv(source);
    }

    private static List<SlideEntry> FromFolder(string folder, IReadOnlyCollection<string> extensions)
    {
        var entries = Directory.EnumerateFiles(folder)
            .Where(f => extensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .Select(f => new SlideEntry(System.IO.Path.GetFileNameWithoutExtension(f), System.IO.Path.GetFullPath(f), "", "", null))
            .ToList();
        CheckUnique(folder, entries);
        return entries;
    }

    private static List<SlideEntry> FromCsv(string csv)
    {
        var lines = File.ReadAllLines(csv);
        if (lines.Length == 0) throw HoptException.BadInput($"{csv}: empty slide list (expected a header slide_id,path,organ,patient_id[,mpp])");
        var header = Split(lines[0]).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = Required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
            throw HoptException.BadInput($"{csv}:1: header lacks {string.Join(", ", missing)} (expected slide_id,path,organ,patient_id[,mpp])");
        var col = Required.Append("mpp").ToDictionary(c => c, c => header.IndexOf(c));
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(csv))!;
        var entries = new List<SlideEntry>();
        for (var n = 1; n < lines.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n])) continue;
            var f = Split(lines[n]);
            if (f.Count != header.Count) throw HoptException.BadInput($"{csv}:{n + 1}: {f.Count} fields, the header has {header.Count}");
            string Get(string c) => col[c] < 0 ? "" : f[col[c]].Trim();
            var id = Get("slide_id");
            var path = Get("path");
            if (id.Length == 0 || path.Length == 0) throw HoptException.BadInput($"{csv}:{n + 1}: slide_id and path must not be empty");
            double? mpp = null;
            var mppText = Get("mpp");
            if (mppText.Length > 0)
            {
                if (!double.TryParse(mppText, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) || !(m > 0) || !double.IsFinite(m))
                    throw HoptException.BadInput($"{csv}:{n + 1}: mpp '{mppText}' is not a positive number of µm/px");
                mpp = m;
            }
            entries.Add(new SlideEntry(id, System.IO.Path.GetFullPath(path, folder), Get("organ"), Get("patient_id"), mpp));
        }
        CheckUnique(csv, entries);
        return entries;
    }

    private static void CheckUnique(string source, List<SlideEntry> entries)
    {
        var duplicate = entries.GroupBy(e => e.SlideId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw HoptException.BadInput($"{source}: slide_id '{duplicate.Key}' appears {duplicate.Count()} times");
    }

    /// <summary>Comma-separated fields; a field in double quotes may hold commas and "" for a quote.</summary>
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
