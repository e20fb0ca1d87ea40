using System.Globalization;

namespace HOptimus.Slurm.Accounting;

/// <summary>
/// The sacct command line of a report: allocations only (-X: steps are inside their job's hours),
/// every attempt of a requeued job (--duplicates), all users of the account.
/// </summary>
public static class SacctQuery
{
    public const string Fields =
        "JobID,JobIDRaw,User,Account,Partition,QOS,State,ExitCode,Submit,Start,End,ElapsedRaw,NNodes,AllocCPUS,AllocTRES,Reason,JobName";

    public static List<string> ForAccount(string? account, DateTimeOffset from, DateTimeOffset to)
    {
        var args = Common();
        args.Add("--allusers");
        if (account is not null) args.Add($"--accounts={account}");
        args.Add($"--starttime={Format(from)}");
        args.Add($"--endtime={Format(to)}");
        return args;
    }

    /// <summary>Given job ids sacct ignores its default "since midnight" window.</summary>
    public static List<string> ForJobs(IEnumerable<string> jobIds)
    {
        var args = Common();
        args.Add($"--jobs={string.Join(',', jobIds)}");
        return args;
    }

    private static List<string> Common() => ["-P", "-X", "--duplicates", $"--format={Fields}"];

    private static string Format(DateTimeOffset t) =>
        t.ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
