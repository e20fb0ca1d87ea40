using HOptimus.Core;

namespace HOptimus.Slurm.Submission;

/// <summary>
/// A Slurm command failed; the message quotes Slurm. Permanent failures (invalid account, QoS,
/// partition) are configuration errors (exit 2); transient ones that outlived the retry budget exit
/// 75 (EX_TEMPFAIL: try again later).
/// </summary>
public sealed class SlurmCommandException(string message, bool transient)
    : HoptException(message, transient ? ExitCodes.Requeue : ExitCodes.Usage)
{
    public bool Transient { get; } = transient;
}
