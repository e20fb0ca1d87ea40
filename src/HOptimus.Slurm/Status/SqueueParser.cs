using HOptimus.Slurm.Accounting;

namespace HOptimus.Slurm.Status;

/// <summary>Parses `squeue --noheader --format=%i|%T|%r` (restart counts come from sacct's duplicates).</summary>
public static class SqueueParser
{
    public static IReadOnlyList<SqueueRow> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('|'))
            .Where(c => c.Length >= 3)
            .Select(c => new SqueueRow(c[0], JobStates.Parse(c[1]), c[2], 0))
            .ToList();

    public static List<string> Arguments(IEnumerable<string> jobIds) =>
        ["--noheader", $"--jobs={string.Join(',', jobIds)}", $"--format={SqueueRow.Format}"];
}
