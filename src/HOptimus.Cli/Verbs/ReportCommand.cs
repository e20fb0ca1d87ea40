using System.Globalization;
using HOptimus.Core;
using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Profiles;
using HOptimus.Slurm.Submission;
using Serilog;

namespace HOptimus.Cli.Verbs;

/// <summary>`hopt report`: sacct → charged hours → report.md, report.csv, burndown.png; the markdown also goes to stdout.</summary>
public static class ReportCommand
{
    public static int Run(ReportOptions o)
    {
        if (o.Overrides.Any()) throw HoptException.Usage("hopt report takes no --set; use its flags");
        var settings = o.ConfigFiles.Aggregate(new ReportSettings(), (_, file) => Json.Read<ReportSettings>(file));
        var repo = RepoLayout.Find();
        var chain = o.Run is null ? null : ChainRecord.Read(Path.GetFullPath(o.Run));
        var profileName = o.Profile ?? settings.Profile ?? chain?.Profile
                          ?? throw HoptException.Usage("hopt report: give --profile (no --run to take it from)");
        var profile = ClusterProfile.Load(profileName, repo.Profiles);
        var account = o.Account ?? settings.Account ?? chain?.Account;
        if (chain is null && account is null) throw HoptException.Usage("hopt report: give --account or --run");
        var allocation = o.Allocation ?? settings.AllocationGpuHours;
        if (allocation <= 0) throw HoptException.Usage($"--allocation: must be > 0 GPU-hours, got {allocation}");
        var now = DateTimeOffset.Now;
        var to = Time(o.To, "--to") ?? now;
        var from = Time(o.From, "--from")
                   ?? chain?.Stages.SelectMany(s => s.Jobs).Min(j => j.SubmittedAt)
                   ?? to.AddDays(-30);
        if (from >= to) throw HoptException.Usage($"--from {from:u} is not before --to {to:u}");
        var query = chain is null ? SacctQuery.ForAccount(account, from, to) : SacctQuery.ForJobs(chain.AllJobIds);
        if (o.PrintConfig)
        {
            Cli.PrintJson(new { profile = profile.Name, account, allocationGpuHours = allocation, from, to, run = chain?.RunDirectory });
            return ExitCodes.Done;
        }
        if (o.DryRun)
        {
            Console.WriteLine(ShellQuote.Join("sacct", query));
            return ExitCodes.Done;
        }
        var log = Cli.Logger(o);
        var slurm = Cli.Slurm(profile.SubmitRetry, log);
        var records = SacctParser.Parse(slurm.Query("sacct", query))
            .Where(r => account is null || chain is not null || r.Account == account).ToList();
        var ids = chain?.AllJobIds.ToHashSet();
        var report = UsageReport.Build(records, new ChargeRule(profile.Gpu), new ReportWindow(from, to, now), allocation, account, ids);
        var outDir = o.Out ?? (chain is not null ? new RunDirectory(chain.RunDirectory).Report : Path.GetFullPath("hopt-report"));
        Write(report, outDir, log);
        Console.Write(MarkdownReport.Render(report));
        return ExitCodes.Done;
    }

    private static void Write(UsageReport report, string outDir, ILogger log)
    {
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, "report.md"), MarkdownReport.Render(report));
        AtomicFile.WriteAllText(Path.Combine(outDir, "report.csv"), CsvReport.Render(report));
        try
        {
            BurnDownPlot.Save(report, Path.Combine(outDir, "burndown.png"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A plot is a side channel: the figures are already written.
            log.Warning("burn-down plot not written: {Message}", e.Message);
        }
        log.Information("report written to {Folder}", outDir);
    }

    private static DateTimeOffset? Time(string? text, string flag)
    {
        if (text is null) return null;
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss"];
        return DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var t)
            ? new DateTimeOffset(t)
            : throw HoptException.Usage($"{flag} '{text}': expected yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss");
    }
}
