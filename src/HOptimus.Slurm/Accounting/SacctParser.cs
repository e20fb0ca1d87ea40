using System.Globalization;
using HOptimus.Core;

namespace HOptimus.Slurm.Accounting;

/// <summary>
/// Parses `sacct -P` output with its header line, so column order does not matter. JobName comes
/// last in <see cref="SacctQuery.Fields"/>: a name holding '|' then only widens the last column.
/// </summary>
public static class SacctParser
{
    public static IReadOnlyList<SacctRecord> Parse(string text, string source = "sacct")
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) return [];
        var header = lines[0].Split('|');
        var index = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.OrdinalIgnoreCase);
        foreach (var required in new[] { "JobID", "State", "ElapsedRaw" })
            if (!index.ContainsKey(required))
                throw HoptException.BadInput($"{source}: header '{lines[0]}' lacks the {required} column (expected sacct -P --format={SacctQuery.Fields})");
        var records = new List<SacctRecord>();
        for (var n = 1; n < lines.Count; n++)
        {
            var cells = lines[n].Split('|');
            if (cells.Length < header.Length)
                throw HoptException.BadInput($"{source}: line {n + 1} has {cells.Length} fields, the header {header.Length}: '{lines[n]}'");
            if (cells.Length > header.Length)
                cells = [.. cells[..(header.Length - 1)], string.Join('|', cells[(header.Length - 1)..])];
            string Get(string name) => index.TryGetValue(name, out var i) ? cells[i] : "";
            try
            {
                records.Add(Row(Get));
            }
            catch (FormatException e)
            {
                throw HoptException.BadInput($"{source}: line {n + 1}: {e.Message}: '{lines[n]}'");
            }
        }
        return records;
    }

    private static SacctRecord Row(Func<string, string> get)
    {
        var tres = Tres.Parse(get("AllocTRES"));
        return new SacctRecord
        {
            JobId = get("JobID"),
            JobIdRaw = get("JobIDRaw") is { Length: > 0 } raw ? raw : get("JobID"),
            Name = get("JobName"),
            User = get("User"),
            Account = get("Account"),
            Partition = get("Partition"),
            Qos = get("QOS"),
            StateText = get("State"),
            State = JobStates.Parse(get("State")),
            ExitCode = get("ExitCode"),
            Submit = Time(get("Submit"), "Submit"),
            Start = Time(get("Start"), "Start"),
            End = Time(get("End"), "End"),
            ElapsedSeconds = Long(get("ElapsedRaw"), "ElapsedRaw"),
            Nodes = (int)Long(get("NNodes"), "NNodes"),
            Cpus = (int)Long(get("AllocCPUS"), "AllocCPUS"),
            Gpus = tres.Gpus,
            MemoryMiB = tres.MemoryMiB,
            Reason = get("Reason"),
        };
    }

    private static long Long(string text, string field) =>
        text.Length == 0 ? 0
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
        : throw new FormatException($"{field} '{text}' is not a whole number");

    /// <summary>sacct prints local times without an offset; "Unknown"/"None" mean not (yet) happened.</summary>
    private static DateTimeOffset? Time(string text, string field)
    {
        if (text is "" or "Unknown" or "None") return null;
        return DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var t)
            ? new DateTimeOffset(t)
            : throw new FormatException($"{field} '{text}' is not a time (yyyy-MM-ddTHH:mm:ss)");
    }
}
