using System.Globalization;
using System.Text;

namespace HOptimus.Slurm.Accounting;

/// <summary>One row per charged attempt, for spreadsheets: the figures behind every table of the markdown.</summary>
public static class CsvReport
{
    public const string Header =
        "job_id,job_id_raw,attempt,run,stage,user,account,partition,state,start,end,elapsed_s,nodes,cpus,gpus,charged_gpus,gpu_hours,cpu_hours";

    public static string Render(UsageReport report)
    {
        var sb = new StringBuilder().AppendLine(Header);
        foreach (var j in report.Jobs)
        {
            var r = j.Record;
            sb.AppendJoin(',', [
                r.JobId, r.JobIdRaw, I(j.Attempt), Field(j.Run), j.Stage, Field(r.User), Field(r.Account), Field(r.Partition),
                r.State.Display(), Time(r.Start), Time(r.End), I(j.Seconds), I(r.Nodes), I(r.Cpus), I(r.Gpus),
                D(j.Charge.ChargedGpus), D(j.Charge.GpuHours), D(j.Charge.CpuHours),
            ]).AppendLine();
        }
        return sb.ToString();
    }

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);
    private static string D(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
    private static string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    /// <summary>RFC 4180 quoting; a leading =,+,-,@ is prefixed with ' so a spreadsheet never evaluates it.</summary>
    private static string Field(string s)
    {
        if (s.Length > 0 && "=+-@".Contains(s[0])) s = "'" + s;
        return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
