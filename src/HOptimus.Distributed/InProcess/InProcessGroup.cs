using System.Runtime.ExceptionServices;

namespace HOptimus.Distributed.InProcess;

/// <summary>
/// Ranks as threads of one process, for fast unit tests only. Each collective is two rendezvous:
/// every rank posts its buffer; every rank computes its own result from all posted buffers in rank
/// order (so all ranks get bit-identical sums, as with MPI); a second rendezvous guarantees no rank
/// writes its buffer while another still reads it.
/// </summary>
public sealed class InProcessGroup : IDisposable
{
    private readonly Barrier _barrier;
    private readonly CancellationTokenSource _aborted = new();
    private readonly IntPtr[] _posted;
    private readonly TimeSpan _timeout;
    private string? _abortReason;
    private int _abortExitCode;

    public int Size { get; }
    public IReadOnlyList<InProcessCommunicator> Ranks { get; }

    /// <param name="size">Number of ranks (threads).</param>
    /// <param name="timeout">How long a rank waits for the others before the group is aborted; null waits forever.</param>
    public InProcessGroup(int size, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        _timeout = timeout ?? Timeout.InfiniteTimeSpan;
        _barrier = new Barrier(size);
        _posted = new IntPtr[size];
        Ranks = Enumerable.Range(0, size).Select(r => new InProcessCommunicator(this, r)).ToArray();
    }

    /// <summary>Runs <paramref name="body"/> on one thread per rank and waits; rethrows the first failure.</summary>
    public void Run(Action<InProcessCommunicator> body)
    {
        var tasks = Ranks.Select(c => Task.Factory.StartNew(() =>
        {
            try { body(c); }
            catch (Exception e) when (e is not CommunicatorAbortedException)
            {
                Abort($"rank {c.Rank} failed: {e.Message}", Core.ExitCodes.Failed);
                throw;
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e)
        {
            // The root cause, not the peers' "aborted" echoes of it.
            var inner = e.Flatten().InnerExceptions;
            ExceptionDispatchInfo.Throw(inner.FirstOrDefault(x => x is not CommunicatorAbortedException) ?? inner[0]);
        }
    }

    internal IntPtr[] Exchange(int rank, IntPtr pointer, string operation)
    {
        _posted[rank] = pointer;
        Rendezvous(rank, operation);
        return _posted;
    }

    internal void Rendezvous(int rank, string operation)
    {
        bool arrived;
        try
        {
            arrived = _barrier.SignalAndWait(_timeout, _aborted.Token);
        }
        catch (OperationCanceledException)
        {
            throw new CommunicatorAbortedException($"rank {rank}: {operation} aborted: {_abortReason}", _abortExitCode);
        }
        if (arrived) return;
        var reason = $"rank {rank}: {operation} did not complete within {_timeout.TotalSeconds:0.#} s; another rank died or hangs";
        Abort(reason, Core.ExitCodes.Failed);
        throw new CommunicatorAbortedException(reason);
    }

    internal void Abort(string reason, int exitCode)
    {
        if (Interlocked.CompareExchange(ref _abortReason, reason, null) is null) _abortExitCode = exitCode;
        _aborted.Cancel();
    }

    public void Dispose()
    {
        _barrier.Dispose();
        _aborted.Dispose();
    }
}
