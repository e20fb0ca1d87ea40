using System.Runtime.InteropServices;
using HOptimus.Core;

namespace HOptimus.Core.Tests;

[NonParallelizable]
public class ShutdownSignalTests
{
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [Test]
    public void Usr2SetsTheWallClockFlagAndDoesNotKillTheProcess()
    {
        using var signal = ShutdownSignal.Install();
        Assert.That(kill(Environment.ProcessId, 12), Is.Zero);
        Assert.That(SpinWait.SpinUntil(() => signal.Requested, TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(signal.Reason, Is.EqualTo(StopReason.WallClock));
        Assert.That(signal.Token.IsCancellationRequested, Is.True);
    }

    [Test]
    public void FirstReasonIsKept()
    {
        using var signal = ShutdownSignal.Install();
        signal.Request(StopReason.Terminate);
        signal.Request(StopReason.WallClock);
        Assert.That(signal.Reason, Is.EqualTo(StopReason.Terminate));
    }
}
