using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Tests.Support;

namespace HOptimus.Slurm.Tests;

/// <summary>
/// The charge rule of PLATFORM.md on recorded sacct output (Jean Zay H100: 4 GPUs and 96 cores a
/// node). Each expected figure is worked out by hand in the comment beside it.
/// </summary>
public class AccountingTests
{
    private static readonly DateTimeOffset From = Local("2026-11-01T00:00:00");
    private static readonly DateTimeOffset Now = Local("2026-11-03T17:10:00");

    private static DateTimeOffset Local(string s) => new(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture));

    private static UsageReport Report(DateTimeOffset? from = null, double? allocation = 1000) =>
        UsageReport.Build(SacctParser.Parse(Fixtures.Data("sacct-jz-odd-cases.txt")),
            new ChargeRule(Fixtures.Profile("jean-zay-h100").Gpu), new ReportWindow(from ?? From, Now, Now), allocation, "abc@h100");

    private static double Gpu(UsageReport r, string masterId) => r.Jobs.Where(j => j.Record.MasterId == masterId).Sum(j => j.Charge.GpuHours);

    [Test]
    public void Every_requeue_attempt_counts_and_the_running_one_so_far() =>
        // 2 nodes = whole nodes, 8 GPUs, x (20 h + 20 h + 1 h so far)
        Assert.That(Gpu(Report(), "210"), Is.EqualTo(8 * 41.0).Within(1e-9));

    [Test]
    public void Node_fail_is_charged_for_the_time_it_held_the_node() =>
        Assert.That(Gpu(Report(), "220"), Is.EqualTo(4 * 0.5).Within(1e-9)); // 4 GPUs x 30 min

    [Test]
    public void A_larger_CPU_share_than_GPU_share_is_charged_that_share() =>
        // 1 GPU (1/4 of the node) with 48 of 96 cores (1/2): charged 1/2 x 4 = 2 GPUs x 2 h
        Assert.That(Gpu(Report(), "230"), Is.EqualTo(2 * 2.0).Within(1e-9));

    [Test]
    public void A_multi_node_job_is_charged_whole_nodes_even_with_one_GPU_each() =>
        // 2 nodes x 4 GPUs x 15 min, although it asked 2 GPUs and 2 cores
        Assert.That(Gpu(Report(), "240"), Is.EqualTo(8 * 0.25).Within(1e-9));

    [Test]
    public void Array_tasks_are_summed_and_pending_rows_cost_nothing()
    {
        var r = Report();
        var pack = r.ByJob.Single(j => j.Key == "200");
        Assert.That(pack.Attempts, Is.EqualTo(2), "two tasks ran; the pending placeholder is not charged");
        Assert.That(pack.CpuHours, Is.EqualTo(2 * 8 * 1.0).Within(1e-9)); // CPU partition: 8 cores x 1 h, twice
        Assert.That(pack.GpuHours, Is.Zero);
        Assert.That(r.Jobs.Any(j => j.Record.JobId == "260"), Is.False);
    }

    [Test]
    public void Totals_by_stage_run_and_user_add_up()
    {
        var r = Report();
        const double expected = 328 + 2 + 4 + 2 + 1; // jobs 210, 220, 230, 240, 270
        Assert.That(r.GpuHours, Is.EqualTo(expected).Within(1e-9));
        Assert.That(r.ByStage.Single(s => s.Key == "train").GpuHours, Is.EqualTo(328 + 2 + 1).Within(1e-9));
        Assert.That(r.ByStage.Single(s => s.Key == "other").GpuHours, Is.EqualTo(2).Within(1e-9));
        Assert.That(r.ByRun.Single(s => s.Key == "seed1").GpuHours, Is.EqualTo(328 + 2 + 4).Within(1e-9));
        Assert.That(r.ByRun.Single(s => s.Key == "other-run").GpuHours, Is.EqualTo(1).Within(1e-9));
        Assert.That(r.ByUser.Single(s => s.Key == "bob").CpuHours, Is.EqualTo(4 * 600 / 3600.0).Within(1e-9));
        Assert.That(r.ByStage.Sum(s => s.GpuHours), Is.EqualTo(r.GpuHours).Within(1e-9));
        Assert.That(r.ByUser.Sum(s => s.GpuHours), Is.EqualTo(r.GpuHours).Within(1e-9));
    }

    [Test]
    public void Allocation_left_burn_rate_and_projected_exhaustion()
    {
        var r = Report(allocation: 1000);
        var days = (Now - From).TotalDays; // 2 days 17 h 10 min
        var rate = 337 / days;
        Assert.That(r.LeftGpuHours, Is.EqualTo(1000 - 337).Within(1e-9));
        Assert.That(r.BurnRatePerDay, Is.EqualTo(rate).Within(1e-9));
        Assert.That(r.ProjectedExhaustion!.Value, Is.EqualTo(Now.AddDays(663 / rate)).Within(TimeSpan.FromSeconds(1)));
        Assert.That(Report(allocation: 300).ProjectedExhaustion, Is.EqualTo(Now), "already spent: runs out now");
        Assert.That(Report(allocation: null).ProjectedExhaustion, Is.Null);
    }

    [Test]
    public void A_window_clips_hours_outside_it()
    {
        // From 3 Nov 00:00: attempt 1 of 210 (2 Nov 00:00-20:00) is outside; attempt 2 counts from
        // 00:00 to 16:05 (16 h 05 min); attempt 3 its 1 h so far. 8 GPUs each.
        var r = Report(from: Local("2026-11-03T00:00:00"));
        Assert.That(Gpu(r, "210"), Is.EqualTo(8 * (16 + 5 / 60.0) + 8 * 1.0).Within(1e-9));
        Assert.That(Gpu(r, "230"), Is.Zero);
    }

    [Test]
    public void Real_local_run_is_charged_by_the_local_profile()
    {
        var rows = SacctParser.Parse(Fixtures.Data("sacct-local-chain.txt"));
        var from = rows.Min(x => x.Submit)!.Value;
        var r = UsageReport.Build(rows, new ChargeRule(Fixtures.Profile("local").Gpu), new ReportWindow(from, from.AddHours(1), from.AddHours(1)), null, "hopt");
        // train: 2 GPUs of 4 but 2 of 2 cores -> the whole node, 4 GPUs x 3 s
        Assert.That(r.GpuHours, Is.EqualTo(4 * 3 / 3600.0).Within(1e-12));
        Assert.That(r.CpuHours, Is.EqualTo((2 + 3 + 2 + 1) / 3600.0).Within(1e-12));
    }

    [Test]
    public void Reports_render_as_markdown_csv_and_a_png()
    {
        var r = Report();
        var md = MarkdownReport.Render(r);
        Assert.That(md, Does.Contain("| used | 337.000 |").And.Contain("| left | 663.000 |").And.Contain("| 210 | 1 | 3 | 328.000 |"));
        var csv = CsvReport.Render(r).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(csv[0], Is.EqualTo(CsvReport.Header));
        Assert.That(csv.Length - 1, Is.EqualTo(r.Jobs.Count));
        Assert.That(csv.Count(l => l.StartsWith("210,")), Is.EqualTo(3));
        var png = Path.Combine(Fixtures.NewRunDirectory(), "burndown.png");
        BurnDownPlot.Save(r, png);
        var bytes = File.ReadAllBytes(png);
        Assert.That(bytes.Take(4), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(png)!), Has.Length.EqualTo(1), "no temp file left behind");
    }

    [Test]
    public void Csv_fields_that_a_spreadsheet_would_evaluate_are_defused()
    {
        var rows = SacctParser.Parse("JobID|JobIDRaw|User|State|ElapsedRaw|Start|NNodes|AllocCPUS|JobName\n1|1|=cmd()|COMPLETED|60|2026-11-01T00:00:00|1|1|x,y\n");
        var r = UsageReport.Build(rows, new ChargeRule(Fixtures.Profile("local").Gpu), new ReportWindow(From, Now, Now), null, null);
        var line = CsvReport.Render(r).Split('\n')[1];
        Assert.That(line, Does.Contain(",'=cmd(),"));
    }
}
