using System.Diagnostics;

namespace HOptimus.Distributed;

/// <summary>
/// Watches the collective in flight from a timer thread. When one runs past the timeout (a peer
/// died or hangs, so it would block until the wall clock), <c>onTimeout</c> gets a message naming the
/// rank, the collective and the wait; the MPI communicator aborts the whole job with it.
/// </summary>
public sealed class CollectiveWatchdog : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly int _rank;
    private readonly Action<string> _onTimeout;
    private readonly Timer? _timer;
    private long _startTimestamp; // 0 = idle
    private string _operation = "";
    private int _fired;

    public CollectiveWatchdog(TimeSpan? timeout, int rank, Action<string> onTimeout)
    {
        _timeout = timeout ?? TimeSpan.Zero;
        _rank = rank;
        _onTimeout = onTimeout;
        if (timeout is null) return;
        // Checking 4x per timeout bounds the overshoot to 25 %, and at most once a second.
        var period = TimeSpan.FromTicks(Math.Min(_timeout.Ticks / 4, TimeSpan.TicksPerSecond));
        _timer = new Timer(_ => Check(), null, period, period);
    }

    /// <summary>Marks a collective as started; dispose the result when it returns.</summary>
    public Scope Enter(string operation)
    {
        _operation = operation;
        Volatile.Write(ref _startTimestamp, Stopwatch.GetTimestamp());
        return new Scope(this);
    }

    private void Check()
    {
        var start = Volatile.Read(ref _startTimestamp);
        if (start == 0 || Stopwatch.GetElapsedTime(start) < _timeout) return;
        if (Interlocked.Exchange(ref _fired, 1) != 0) return;
        _onTimeout($"rank {_rank}: {_operation} did not complete within {_timeout.TotalSeconds:0.#} s " +
                   "(Distributed:CollectiveTimeoutSeconds); another rank died or hangs");
    }

    public void Dispose() => _timer?.Dispose();

    public readonly struct Scope(CollectiveWatchdog owner) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref owner._startTimestamp, 0);
    }
}
