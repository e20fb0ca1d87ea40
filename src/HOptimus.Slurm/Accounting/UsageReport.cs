namespace HOptimus.Slurm.Accounting;

/// <summary>
/// Where the hours went: every charged attempt, grouped by job, stage, run and user, and measured
/// against the allocation (used, left, burn rate, projected exhaustion).
/// </summary>
public sealed record UsageReport(IReadOnlyList<ChargedJob> Jobs, ReportWindow Window, double? AllocationGpuHours, string? Account)
{
    public double GpuHours => Jobs.Sum(j => j.Charge.GpuHours);
    public double CpuHours => Jobs.Sum(j => j.Charge.CpuHours);
    public double? LeftGpuHours => AllocationGpuHours - GpuHours;

    /// <summary>GPU-hours per day over the window.</summary>
    public double BurnRatePerDay => GpuHours / Window.ElapsedDays;

    /// <summary>When the allocation runs out at the current burn rate; null without an allocation or with nothing burnt.</summary>
    public DateTimeOffset? ProjectedExhaustion =>
        LeftGpuHours is not { } left ? null
        : left <= 0 ? Window.Now
        : BurnRatePerDay > 0 ? Window.Now.AddDays(Math.Min(left / BurnRatePerDay, 365 * 100)) : null;

    public IReadOnlyList<UsageRow> ByJob => Group(j => j.Record.MasterId);
    public IReadOnlyList<UsageRow> ByStage => Group(j => j.Stage);
    public IReadOnlyList<UsageRow> ByRun => Group(j => j.Run);
    public IReadOnlyList<UsageRow> ByUser => Group(j => j.Record.User);

    /// <summary>Cumulative GPU-hours at each job's end (or now, for a running one), for the burn-down.</summary>
    public IReadOnlyList<(DateTimeOffset Time, double GpuHours)> Cumulative()
    {
        var total = 0.0;
        return Jobs.Where(j => j.ChargedAt is not null && j.Charge.GpuHours > 0)
            .OrderBy(j => j.ChargedAt)
            .Select(j => (j.ChargedAt!.Value, total += j.Charge.GpuHours))
            .ToList();
    }

    private List<UsageRow> Group(Func<ChargedJob, string> key) =>
        Jobs.GroupBy(key)
            .Select(g => new UsageRow(g.Key, g.Select(j => j.Record.MasterId).Distinct().Count(), g.Count(),
                g.Sum(j => j.Charge.GpuHours), g.Sum(j => j.Charge.CpuHours)))
            .OrderByDescending(r => r.GpuHours).ThenByDescending(r => r.CpuHours).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Charges sacct's rows. Pending rows (nothing allocated yet) are left out; every attempt of a
    /// requeued job is a row of its own (sacct --duplicates) and is charged; array tasks are rows too.
    /// </summary>
    public static UsageReport Build(IEnumerable<SacctRecord> records, ChargeRule rule, ReportWindow window,
        double? allocationGpuHours, string? account, ISet<string>? onlyJobIds = null)
    {
        var rows = records
            .Where(r => onlyJobIds is null || onlyJobIds.Contains(r.MasterId) || onlyJobIds.Contains(r.JobIdRaw))
            .Where(r => r.Ran)
            .Select((r, i) => (r, i))
            .GroupBy(x => x.r.JobIdRaw)
            .SelectMany(g => g.OrderBy(x => x.r.Start ?? DateTimeOffset.MaxValue).ThenBy(x => x.i)
                .Select((x, attempt) => Charge(x.r, attempt + 1, rule, window)))
            .OrderBy(j => j.Record.Start)
            .ToList();
        return new UsageReport(rows, window, allocationGpuHours, account);
    }

    private static ChargedJob Charge(SacctRecord r, int attempt, ChargeRule rule, ReportWindow window)
    {
        var (run, stage) = JobNames.Split(r.Name);
        var seconds = window.Seconds(r);
        var at = r.End ?? (r.State.IsActive() ? window.Now : r.Start);
        return new ChargedJob(r, run, stage, attempt, seconds, rule.Charge(r, seconds))
        {
            ChargedAt = at is { } t && t > window.To ? window.To : at,
        };
    }
}
