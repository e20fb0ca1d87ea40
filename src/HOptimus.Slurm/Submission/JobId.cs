using System.Text.RegularExpressions;
using HOptimus.Core;

namespace HOptimus.Slurm.Submission;

/// <summary>A Slurm job id as sbatch --parsable prints it ("1234" or "1234;cluster").</summary>
public readonly partial record struct JobId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks what sbatch printed. An empty id (PLATFORM.md: past a QoS submit limit sbatch may print
    /// nothing and exit 0) or anything else than digits is an error, never a job to depend on.
    /// </summary>
    public static JobId ParseParsable(string stdout, string stage)
    {
        var text = stdout.Trim();
        var match = ParsableLine().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, out var id) || id <= 0)
            throw new HoptException(
                $"{stage}: sbatch --parsable returned {(text.Length == 0 ? "an empty job id" : $"a garbled job id '{Printable(text)}'")}",
                ExitCodes.Failed);
        return new JobId(id);
    }

    public static bool TryParse(string text, out JobId id)
    {
        id = default;
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, null, out var v) || v <= 0) return false;
        id = new JobId(v);
        return true;
    }

    private static string Printable(string s) =>
        new(s.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    [GeneratedRegex(@"^(\d{1,18})(;[A-Za-z0-9_.-]+)?$")]
    private static partial Regex ParsableLine();
}
