using HOptimus.Core;
using HOptimus.Distributed;

namespace HOptimus.Training.Parallel;

/// <summary>
/// A signal reaches one rank (or some): at the next step boundary all ranks all-reduce their
/// flags and stop together, at the same step, for the same reason.
/// </summary>
public static class StopAgreement
{
    /// <summary>
    /// The reason every rank acts on: the most urgent reported by any rank (interrupt, then terminate,
    /// then wall clock), None when no rank saw a signal. Every rank must call it at the same step.
    /// </summary>
    public static StopReason Agree(ICommunicator comm, StopReason local)
    {
        Span<int> seen = stackalloc int[4];
        seen[(int)local] = 1;
        comm.Host.AllReduceSum(seen);
        foreach (var reason in new[] { StopReason.Interrupt, StopReason.Terminate, StopReason.WallClock })
            if (seen[(int)reason] > 0) return reason;
        return StopReason.None;
    }
}
