using System.Diagnostics;
using Serilog;

namespace HOptimus.Pack;

/// <summary>
/// Logs tiles/s and an ETA at a steady pace. The ETA extrapolates the tiles per slide seen so far to
/// the slides left, so it firms up as slides finish.
/// </summary>
public sealed class Progress(ILogger log, int totalSlides, int threads, TimeSpan interval)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastLog;
    private long _tiles;
    private int _slidesDone;

    public long Tiles => _tiles;
    public double TilesPerSecond => _tiles / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);

    public void AddTiles(int count)
    {
        _tiles += count;
        if (_clock.Elapsed - _lastLog >= interval) Log();
    }

    public void SlideDone()
    {
        _slidesDone++;
        if (_clock.Elapsed - _lastLog >= interval) Log();
    }

    public void Log()
    {
        _lastLog = _clock.Elapsed;
        var rate = TilesPerSecond;
        var left = totalSlides - _slidesDone;
        var eta = _slidesDone == 0 || rate <= 0
            ? "unknown"
            : TimeSpan.FromSeconds(left * (_tiles / (double)_slidesDone) / rate).ToString(@"d\.hh\:mm\:ss");
        log.Information("progress: {Done}/{Total} slides, {Tiles} tiles, {Rate:F0} tiles/s ({PerThread:F0}/thread on {Threads}), ETA {Eta}",
            _slidesDone, totalSlides, _tiles, rate, rate / threads, threads, eta);
    }
}
