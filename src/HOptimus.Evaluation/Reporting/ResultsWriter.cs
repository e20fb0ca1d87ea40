using HOptimus.Core;
using Serilog;

namespace HOptimus.Evaluation.Reporting;

/// <summary>
/// Writes results.json, results.md and one chart per task (&lt;task&gt;.png), each atomically. A chart that
/// fails to render is logged and skipped: the numbers matter more than the picture.
/// </summary>
public static class ResultsWriter
{
    public const string JsonFile = "results.json";
    public const string MarkdownFile = "results.md";

    public static IReadOnlyList<string> Write(ResultsDocument results, string folder, ILogger log)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string> { Path.Combine(folder, JsonFile), Path.Combine(folder, MarkdownFile) };
        Json.WriteAtomic(written[0], results);
        AtomicFile.WriteAllText(written[1], ResultsMarkdown.Render(results));
        foreach (var task in results.Tasks)
        {
            var chart = Path.Combine(folder, $"{task.Name}.png");
            try
            {
                AtomicFile.WriteAllBytes(chart, ResultsChart.RenderPng(results, task));
                written.Add(chart);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.Warning(e, "chart {Chart} not written: {Message}", chart, e.Message);
            }
        }
        return written;
    }
}
