namespace HOptimus.Core;

/// <summary>The exit codes every executable returns and every jobs/ script acts on (DESIGN.md).</summary>
public static class ExitCodes
{
    public const int Done = 0;
    /// <summary>Internal error: a bug, reported with its stack trace in the log only.</summary>
    public const int Failed = 1;
    public const int Usage = 2;
    public const int BadInput = 3;
    /// <summary>Some items (slides) failed; they are listed in the manifest.</summary>
    public const int Partial = 4;
    /// <summary>Stopped at a step boundary with a checkpoint, to be requeued (BSD EX_TEMPFAIL).</summary>
    public const int Requeue = 75;
    public const int Interrupted = 130;
    public const int Terminated = 143;
}
