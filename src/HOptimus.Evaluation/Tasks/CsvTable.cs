using HOptimus.Core;

namespace HOptimus.Evaluation.Tasks;

/// <summary>
/// A small RFC 4180 reader for labels files: a header row, comma-separated fields, double quotes around
/// fields that contain commas or quotes ("" inside quotes is one quote). Line numbers count from 1 at the header.
/// </summary>
public sealed class CsvTable
{
    private CsvTable(string path, IReadOnlyList<string> header, IReadOnlyList<(int Line, string[] Fields)> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
    }

    public string Path { get; }
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<(int Line, string[] Fields)> Rows { get; }

    /// <summary>Index of <paramref name="column"/>, or -1 when absent.</summary>
    public int Column(string column) => Header.ToList().FindIndex(h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));

    public int RequireColumn(string column, string key)
    {
        var index = Column(column);
        return index >= 0 ? index
            : throw HoptException.BadInput($"{Path}: no column '{column}' ({key}); the header has: {string.Join(", ", Header)}");
    }

    public static CsvTable Read(string path)
    {
        if (!File.Exists(path)) throw HoptException.BadInput($"{path}: labels CSV not found");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim().Length == 0) throw HoptException.BadInput($"{path}: empty labels CSV (expected a header row)");
        var header = Split(lines[0], path, 1).Select(h => h.Trim()).ToArray();
        var rows = new List<(int, string[])>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var fields = Split(lines[i], path, i + 1);
            if (fields.Length != header.Length)
                throw HoptException.BadInput($"{path} line {i + 1}: {fields.Length} fields, the header has {header.Length}");
            rows.Add((i + 1, fields.Select(f => f.Trim()).ToArray()));
        }
        return new CsvTable(path, header, rows);
    }

    private static string[] Split(string line, string path, int lineNumber)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c != '\r') field.Append(c);
        }
        if (quoted) throw HoptException.BadInput($"{path} line {lineNumber}: unterminated quoted field");
        fields.Add(field.ToString());
        return fields.ToArray();
    }
}
