using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace HOptimus.Core;

/// <summary>
/// Rank-aware structured logs: every event carries job id and rank; human-readable lines come from
/// rank 0 (others log warnings and errors only), and every rank writes full JSON to its own file.
/// </summary>
public static class Logging
{
    public static ILogger Create(string component, SlurmEnvironment slurm, string? logDirectory = null, bool verbose = false)
    {
        var console = slurm.Rank == 0 ? (verbose ? LogEventLevel.Debug : LogEventLevel.Information) : LogEventLevel.Warning;
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            .Enrich.WithProperty("Component", component)
            .Enrich.WithProperty("JobId", slurm.JobId ?? "local")
            .Enrich.WithProperty("Rank", slurm.Rank)
            .WriteTo.Console(restrictedToMinimumLevel: console,
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3} r{Rank}] {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose);
        if (logDirectory is not null)
        {
            Directory.CreateDirectory(logDirectory);
            var file = Path.Combine(logDirectory, $"{component}-{slurm.JobId ?? "local"}-r{slurm.Rank}.jsonl");
            // Appended across requeues; a failing sink never kills the run (Serilog's safe sinks).
            config = config.WriteTo.File(new CompactJsonFormatter(), file, shared: true);
        }
        return config.CreateLogger();
    }

    /// <summary>A logger that drops everything; for library code called without one.</summary>
    public static ILogger None => Logger.None;
}
