using System.Text.Json;
using HOptimus.Core;
using Serilog;

namespace HOptimus.Training.Metrics;

/// <summary>
/// metrics.jsonl: one compact JSON line per logged step, flushed at once. A side channel: a failing
/// write is logged once and training goes on. On resume, lines past the resumed step (written by the
/// interrupted run after its last checkpoint) are dropped so the file reads as one run.
/// </summary>
public sealed class MetricsLog(string path, ILogger log) : IDisposable
{
    private static readonly JsonSerializerOptions Compact = new(Json.Options) { WriteIndented = false };
    private StreamWriter? _writer;
    private bool _failed;

    public string Path { get; } = path;

    public void TruncateAfter(long step)
    {
        if (!File.Exists(Path)) return;
        try
        {
            var kept = File.ReadLines(Path).Where(line => StepOf(line) is { } s && s <= step).ToList();
            AtomicFile.WriteAllText(Path, kept.Count == 0 ? "" : string.Join("\n", kept) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Warning("Could not trim {Metrics} to step {Step}: {Error}", Path, step, e.Message);
        }
    }

    public void Write(StepMetrics metrics)
    {
        if (_failed) return;
        try
        {
            _writer ??= new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read));
            _writer.WriteLine(JsonSerializer.Serialize(metrics, Compact));
            _writer.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _failed = true;
            log.Warning("metrics.jsonl disabled after a write error: {Error}", e.Message);
        }
    }

    public static IEnumerable<StepMetrics> Read(string path) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<StepMetrics>(l, Json.Options)!)
            : [];

    private static long? StepOf(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.TryGetProperty("step", out var s) ? s.GetInt64() : null;
        }
        catch (JsonException)
        {
            return null; // a torn last line from a kill
        }
    }

    public void Dispose() => _writer?.Dispose();
}
