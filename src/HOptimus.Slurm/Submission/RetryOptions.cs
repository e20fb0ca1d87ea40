namespace HOptimus.Slurm.Submission;

/// <summary>How long hopt keeps asking a controller that does not answer.</summary>
/// <param name="MaxRetries">Retries after the first attempt; default 6.</param>
/// <param name="BaseDelaySeconds">First wait, doubled each retry (with jitter); default 2 s.</param>
/// <param name="MaxDelaySeconds">Longest single wait; default 30 s. Default budget: about 2+4+8+16+30+30 = 90 s.</param>
public sealed record RetryOptions(int MaxRetries = 6, double BaseDelaySeconds = 2, double MaxDelaySeconds = 30)
{
    public IEnumerable<string> Validate(string key)
    {
        if (MaxRetries is < 0 or > 100) yield return $"{key}.maxRetries: must be in [0, 100], got {MaxRetries}";
        if (BaseDelaySeconds is < 0 or > 3600) yield return $"{key}.baseDelaySeconds: must be in [0, 3600], got {BaseDelaySeconds}";
        if (MaxDelaySeconds < BaseDelaySeconds) yield return $"{key}.maxDelaySeconds: must be >= baseDelaySeconds, got {MaxDelaySeconds}";
    }
}
