namespace HOptimus.Slurm.Accounting;

/// <summary>The period a report covers; hours outside it are clipped off, and "now" ends running jobs' hours so far.</summary>
public sealed record ReportWindow(DateTimeOffset From, DateTimeOffset To, DateTimeOffset Now)
{
    /// <summary>Days from From to the earlier of To and now; at least one hour, so a rate is always defined.</summary>
    public double ElapsedDays => Math.Max((Min(To, Now) - From).TotalDays, 1.0 / 24);

    public long Seconds(SacctRecord r)
    {
        if (r.Start is not { } start) return r.ElapsedSeconds;
        var end = r.End ?? Now;
        if (start >= From && end <= To) return r.ElapsedSeconds;
        var clipped = Min(end, To) - (start > From ? start : From);
        return Math.Max(0, (long)clipped.TotalSeconds);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
