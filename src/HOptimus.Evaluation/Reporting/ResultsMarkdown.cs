using System.Globalization;
using System.Text;

namespace HOptimus.Evaluation.Reporting;

/// <summary>results.md: one table per task, a row per backbone and protocol, "value [lower, upper]" per metric.</summary>
public static class ResultsMarkdown
{
    public static string Render(ResultsDocument results)
    {
        var md = new StringBuilder();
        md.AppendLine("# Evaluation results").AppendLine();
        md.AppendLine($"{results.CreatedUtc:yyyy-MM-dd HH:mm} UTC, {results.WriterVersion}. Frozen CLS features; " +
                      $"{results.Bootstrap.Level * 100:0.#}% percentile bootstrap intervals over test samples " +
                      $"({results.Bootstrap.Resamples} resamples, seed {results.Bootstrap.Seed}).").AppendLine();
        md.AppendLine("| backbone | source | weights sha256 | feature dim |").AppendLine("|---|---|---|---|");
        foreach (var b in results.Backbones)
            md.AppendLine($"| {b.Name} | {Escape(b.Source)} | `{b.WeightsSha256[..12]}` | {b.FeatureDim} |");
        foreach (var task in results.Tasks)
        {
            md.AppendLine().AppendLine($"## {task.Name}").AppendLine();
            md.AppendLine($"{Escape(task.Dataset)}: {task.Samples} samples, {task.Classes.Count} classes " +
                          $"({Escape(string.Join(", ", task.Classes))}); {task.Split}.").AppendLine();
            md.AppendLine("| backbone | protocol | " + string.Join(" | ", task.Metrics) + " |");
            md.AppendLine("|---|---|" + string.Concat(task.Metrics.Select(_ => "---|")));
            foreach (var r in results.Results.Where(r => r.Task == task.Name))
                md.AppendLine($"| {r.Backbone} | {r.Protocol} | " +
                              string.Join(" | ", task.Metrics.Select(m => Cell(r.Metrics.GetValueOrDefault(m)))) + " |");
        }
        return md.ToString();
    }

    private static string Cell(MetricSummary? m) =>
        m?.Value is null ? "n/a"
        : m.Lower is null ? Number(m.Value.Value)
        : $"{Number(m.Value.Value)} [{Number(m.Lower.Value)}, {Number(m.Upper!.Value)}]";

    private static string Number(double v) => v.ToString("F3", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|");
}
