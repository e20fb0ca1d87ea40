using Serilog;

namespace HOptimus.Training.Metrics;

/// <summary>
/// loss-curve.png beside metrics.jsonl: total and per-term losses against step, redrawn at each
/// checkpoint. A failing plot (no fonts, no native Skia) is logged and never stops training.
/// </summary>
public static class LossCurvePlot
{
    public static bool TryWrite(string metricsPath, string pngPath, ILogger log)
    {
        try
        {
            var rows = MetricsLog.Read(metricsPath).ToList();
            if (rows.Count == 0) return false;
            var plot = new ScottPlot.Plot();
            var steps = rows.Select(r => (double)r.Step).ToArray();
            void Line(string label, Func<StepMetrics, double> value)
            {
                var scatter = plot.Add.Scatter(steps, rows.Select(value).ToArray());
                scatter.LegendText = label;
                scatter.MarkerSize = 0;
            }
            Line("total", r => r.Loss);
            Line("dino local", r => r.DinoLocal);
            Line("dino global", r => r.DinoGlobal);
            Line("ibot", r => r.Ibot);
            Line("koleo", r => r.KoLeo);
            plot.Title("hopt-train loss");
            plot.XLabel("step");
            plot.YLabel("loss");
            plot.ShowLegend();
            var temp = pngPath + ".tmp.png";
            plot.SavePng(temp, 900, 500);
            File.Move(temp, pngPath, overwrite: true);
            return true;
        }
        catch (Exception e)
        {
            log.Warning("Loss curve {Png} not drawn: {Error}", pngPath, e.Message);
            return false;
        }
    }
}
