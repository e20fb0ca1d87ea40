using System.Runtime.InteropServices;

namespace HOptimus.Core;

/// <summary>Why the process was asked to stop.</summary>
public enum StopReason { None, WallClock, Terminate, Interrupt }

/// <summary>
/// USR2 (Slurm's --signal before the wall clock), TERM (preemption, scancel) and INT only set a flag
/// (submitit's rule): the trainer acts on it at a step boundary. A second TERM or INT exits at once
/// with 143/130; checkpoints are written to a temp folder and renamed, so that never corrupts one.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private const int SIGUSR2 = 12;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly CancellationTokenSource _cts = new();
    private int _terminations;

    public StopReason Reason { get; private set; }
    public CancellationToken Token => _cts.Token;
    public bool Requested => Reason != StopReason.None;

    public static ShutdownSignal Install()
    {
        var signal = new ShutdownSignal();
        signal._registrations.Add(PosixSignalRegistration.Create((PosixSignal)SIGUSR2, c => signal.On(c, StopReason.WallClock)));
        signal._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => signal.On(c, StopReason.Terminate)));
        signal._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => signal.On(c, StopReason.Interrupt)));
        return signal;
    }

    /// <summary>Sets the flag as a signal would; for tests and for a stop agreed with other ranks.</summary>
    public void Request(StopReason reason)
    {
        if (Reason == StopReason.None) Reason = reason;
        _cts.Cancel();
    }

    private void On(PosixSignalContext context, StopReason reason)
    {
        context.Cancel = true;
        if (reason != StopReason.WallClock && Interlocked.Increment(ref _terminations) > 1)
            Environment.Exit(reason == StopReason.Interrupt ? ExitCodes.Interrupted : ExitCodes.Terminated);
        Request(reason);
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cts.Dispose();
    }
}
