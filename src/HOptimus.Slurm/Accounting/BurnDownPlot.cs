using ScottPlot;

namespace HOptimus.Slurm.Accounting;

/// <summary>
/// The burn-down PNG: GPU-hours left (or used, without an allocation) over time, and a dashed line
/// from now to the projected exhaustion at the window's burn rate.
/// </summary>
public static class BurnDownPlot
{
    public static void Save(UsageReport report, string path, int width = 900, int height = 500)
    {
        var plot = new Plot();
        var points = report.Cumulative();
        var alloc = report.AllocationGpuHours;
        var xs = new List<double> { report.Window.From.UtcDateTime.ToOADate() };
        var ys = new List<double> { alloc ?? 0 };
        foreach (var (time, used) in points)
        {
            xs.Add(time.UtcDateTime.ToOADate());
            ys.Add(alloc is { } a ? a - used : used);
        }
        var nowX = report.Window.Now.UtcDateTime.ToOADate();
        xs.Add(Math.Max(nowX, xs[^1]));
        ys.Add(ys[^1]);
        var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray());
        line.LegendText = alloc is null ? "GPU-hours used" : "GPU-hours left";
        line.LineWidth = 2;
        if (alloc is not null && report.ProjectedExhaustion is { } end && end > report.Window.Now)
        {
            var projection = plot.Add.ScatterLine(new[] { xs[^1], end.UtcDateTime.ToOADate() }, new[] { ys[^1], 0.0 });
            projection.LinePattern = LinePattern.Dashed;
            projection.LegendText = $"projection at {report.BurnRatePerDay:0.0} GPU-h/day: empty {end.UtcDateTime:yyyy-MM-dd}";
        }
        plot.Axes.DateTimeTicksBottom();
        plot.Title(report.Account is null ? "Allocation burn-down" : $"Allocation burn-down: {report.Account}");
        plot.YLabel("GPU-hours");
        plot.ShowLegend();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Core.AtomicFile.Write(path, temp => plot.SavePng(temp, width, height));
    }
}
