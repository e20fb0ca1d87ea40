namespace HOptimus.Core;

/// <summary>
/// An expected failure with a message meant for the operator, never a stack trace. The exit code says
/// what kind (usage/config vs bad input data).
/// </summary>
public class HoptException(string message, int exitCode = ExitCodes.BadInput, Exception? inner = null)
    : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    public static HoptException Usage(string message) => new(message, ExitCodes.Usage);
    public static HoptException BadInput(string message, Exception? inner = null) => new(message, ExitCodes.BadInput, inner);
}
