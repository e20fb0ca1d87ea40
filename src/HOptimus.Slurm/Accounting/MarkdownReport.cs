using System.Globalization;
using System.Text;

namespace HOptimus.Slurm.Accounting;

/// <summary>The report as markdown: the allocation's position first, then where the hours went.</summary>
public static class MarkdownReport
{
    public static string Render(UsageReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Allocation report{(r.Account is null ? "" : $": {r.Account}")}");
        sb.AppendLine();
        sb.AppendLine($"Window: {Date(r.Window.From)} to {Date(r.Window.To < r.Window.Now ? r.Window.To : r.Window.Now)} "
                      + "(charge rule: GPUs x elapsed; CPU/memory share if larger; multi-node = whole nodes).");
        sb.AppendLine();
        sb.AppendLine("| | GPU-hours |");
        sb.AppendLine("|---|---:|");
        sb.AppendLine($"| used | {H(r.GpuHours)} |");
        if (r.AllocationGpuHours is { } alloc)
        {
            sb.AppendLine($"| allocation | {H(alloc)} |");
            sb.AppendLine($"| left | {H(r.LeftGpuHours!.Value)} |");
        }
        sb.AppendLine($"| burn rate per day | {H(r.BurnRatePerDay)} |");
        if (r.AllocationGpuHours is not null)
            sb.AppendLine($"| projected exhaustion | {(r.ProjectedExhaustion is { } d ? Date(d) : "never at this rate")} |");
        if (r.CpuHours > 0) sb.AppendLine($"| CPU-hours (CPU partitions) | {H(r.CpuHours)} |");
        Table(sb, "By stage", "stage", r.ByStage);
        Table(sb, "By run", "run", r.ByRun);
        Table(sb, "By user", "user", r.ByUser);
        Table(sb, "By job", "job", r.ByJob);
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, string title, string key, IReadOnlyList<UsageRow> rows)
    {
        sb.AppendLine();
        sb.AppendLine($"## {title}");
        sb.AppendLine();
        sb.AppendLine($"| {key} | jobs | attempts | GPU-hours | CPU-hours |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var row in rows)
            sb.AppendLine($"| {Cell(row.Key)} | {row.Jobs} | {row.Attempts} | {H(row.GpuHours)} | {H(row.CpuHours)} |");
    }

    private static string Cell(string s) => s.Replace("|", "\\|");

    internal static string H(double hours) => hours.ToString("0.000", CultureInfo.InvariantCulture);

    internal static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
