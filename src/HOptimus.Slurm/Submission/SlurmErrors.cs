namespace HOptimus.Slurm.Submission;

/// <summary>
/// Tells a failure worth retrying (the controller is busy, restarting or unreachable) from one that
/// will fail the same way every time (a wrong account, QoS or partition). Anything unknown counts as
/// permanent: retrying a request Slurm rejected only spends the operator's time.
/// </summary>
public static class SlurmErrors
{
    private static readonly string[] TransientMarkers =
    [
        "Socket timed out",
        "Unable to contact slurm controller",
        "Slurm temporarily unable",
        "temporarily unavailable",
        "Zero Bytes were transmitted or received",
        "Connection refused",
        "connect failure",
        "Transport endpoint is not connected",
        "Resource temporarily unavailable",
    ];

    public static bool IsTransient(string message) =>
        TransientMarkers.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase));
}
