using HOptimus.Core;

namespace HOptimus.Distributed;

/// <summary>A collective could not complete: a rank aborted the group, or the collective timed out.</summary>
public sealed class CommunicatorAbortedException(string message, int exitCode = ExitCodes.Failed)
    : HoptException(message, exitCode);
