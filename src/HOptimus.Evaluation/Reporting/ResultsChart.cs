using ScottPlot;

namespace HOptimus.Evaluation.Reporting;

/// <summary>
/// A task's chart: the task's first metric for every backbone, bars grouped by protocol, with the bootstrap
/// interval as an asymmetric error bar. PNG bytes, for an atomic write.
/// </summary>
public static class ResultsChart
{
    public static byte[] RenderPng(ResultsDocument results, TaskInfo task, int width = 900, int height = 500) =>
        Build(results, task).GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>The chart before rendering; bar i of protocol p sits at x = p * (backbones + 1) + i.</summary>
    public static Plot Build(ResultsDocument results, TaskInfo task)
    {
        var metric = task.Metrics[0];
        var backbones = results.Backbones.Select(b => b.Name).ToList();
        var protocols = results.Results.Where(r => r.Task == task.Name).Select(r => r.Protocol).Distinct().ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var plot = new Plot();
        var bars = new List<Bar>();
        var intervals = new List<(double X, double Y, double Below, double Above)>();
        // Each protocol is a group of bars, one per backbone, with a gap of one bar between groups.
        var groupWidth = backbones.Count + 1;
        for (var p = 0; p < protocols.Count; p++)
            for (var b = 0; b < backbones.Count; b++)
            {
                var result = results.Results.FirstOrDefault(r => r.Task == task.Name && r.Protocol == protocols[p] && r.Backbone == backbones[b]);
                var summary = result?.Metrics.GetValueOrDefault(metric);
                if (summary?.Value is not { } value) continue;
                bars.Add(new Bar
                {
                    Position = p * groupWidth + b,
                    Value = value,
                    FillColor = palette.GetColor(b),
                });
                // Bars only draw symmetric errors; the percentile interval is not symmetric.
                intervals.Add((p * groupWidth + b, value, summary.Lower is { } lower ? value - lower : 0,
                               summary.Upper is { } upper ? upper - value : 0));
            }
        plot.Add.Bars(bars);
        // Set by name: the constructor's argument order for the two sides is easy to swap (it was, once).
        var errors = new ScottPlot.Plottables.ErrorBar(intervals.Select(i => i.X).ToList(), intervals.Select(i => i.Y).ToList(),
            null, null, null, null)
        {
            YErrorNegative = intervals.Select(i => i.Below).ToList(),
            YErrorPositive = intervals.Select(i => i.Above).ToList(),
            Color = Colors.Black,
        };
        plot.Add.Plottable(errors);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            protocols.Select((_, p) => p * groupWidth + (backbones.Count - 1) / 2.0).ToArray(), protocols.ToArray());
        for (var b = 0; b < backbones.Count; b++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = backbones[b], FillColor = palette.GetColor(b) });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title($"{task.Name}: {metric} ({results.Bootstrap.Level * 100:0.#}% bootstrap CI)");
        plot.YLabel(metric);
        plot.Axes.SetLimitsY(0, 1.1);
        return plot;
    }
}
