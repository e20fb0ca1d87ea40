using System.Text;
using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Pipelines;

namespace HOptimus.Slurm.Status;

/// <summary>The `hopt status` table: one line per stage.</summary>
public static class StatusTable
{
    public static string Render(string runName, IReadOnlyList<StageStatus> stages)
    {
        string[] header = ["stage", "state", "reason", "elapsed", "restarts", "job ids"];
        var rows = stages.Select(s => new[]
        {
            s.Stage.Id(),
            s.Detail.Length > 0 ? $"{s.State.Display()} ({s.Detail})" : s.State.Display(),
            s.Reason,
            Elapsed(s.Elapsed),
            s.Requeues == 0 && s.Resubmits == 0 ? "0" : $"{s.Restarts} ({s.Requeues} requeued, {s.Resubmits} resubmitted)",
            string.Join(" <- ", s.JobIds.AsEnumerable().Reverse()),
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder($"run {runName}\n");
        sb.AppendLine(Line(header, widths));
        foreach (var r in rows) sb.AppendLine(Line(r, widths));
        return sb.ToString();
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();

    private static string Elapsed(TimeSpan t) =>
        t.TotalDays >= 1 ? $"{(int)t.TotalDays}-{t:hh\\:mm\\:ss}" : t.ToString(@"hh\:mm\:ss");
}
