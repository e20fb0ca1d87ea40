using HOptimus.Evaluation.Reporting;
using ScottPlot;
using SkiaSharp;

namespace HOptimus.Evaluation.Tests.Reporting;

public class ResultsOutputTests
{
    private static ResultsDocument Document(double value, double? lower, double? upper) => new(
        1, DateTimeOffset.UnixEpoch, "test", new BootstrapOptions(),
        [new BackboneInfo("ours", "exports/ours", new string('a', 64), 384, 224)],
        [new TaskInfo("crc", "d", ["a", "b"], 10, "split", ["balanced-accuracy", "auroc"], [new SplitSizes("split", 6, 2, 2)])],
        [new ProtocolResult("crc", "ours", "linear", 2,
            new Dictionary<string, MetricSummary>
            {
                ["balanced-accuracy"] = new(value, lower, upper, 1000),
                ["auroc"] = new(null, null, null, 0),
            }, [])]);

    [Test]
    public void Chart_error_bar_runs_from_lower_to_upper_not_mirrored()
    {
        // Regression: the error bar's sides were swapped (drawn 0.4..0.9 for an interval 0.1..0.6).
        var plot = ResultsChart.Build(Document(0.5, 0.1, 0.6), Document(0.5, 0.1, 0.6).Tasks[0]);
        using var bitmap = SKBitmap.Decode(plot.GetImageBytes(900, 500, ImageFormat.Png));
        int Darkness(double y)
        {
            var pixel = plot.GetPixel(new Coordinates(0, y));
            return Enumerable.Range(-2, 5).Max(dx =>
            {
                var c = bitmap.GetPixel((int)pixel.X + dx, (int)pixel.Y);
                return 255 - (c.Red + c.Green + c.Blue) / 3;
            });
        }
        Assert.That(Darkness(0.55), Is.GreaterThan(150), "the interval line above the bar up to 0.6");
        Assert.That(Darkness(0.75), Is.LessThan(60), "nothing between 0.6 and 0.9");
    }

    [Test]
    public void Markdown_shows_value_and_interval_and_na_for_undefined()
    {
        var markdown = ResultsMarkdown.Render(Document(0.5, 0.1, 0.6));
        Assert.That(markdown, Does.Contain("| ours | linear | 0.500 [0.100, 0.600] | n/a |"));
        Assert.That(markdown, Does.Contain("95% percentile bootstrap intervals"));
    }
}
