using System.Text;
using System.Text.RegularExpressions;

namespace HOptimus.Slurm.Submission;

/// <summary>
/// Validation of every value that reaches an sbatch command line or a job's environment. Values are
/// passed as argv (never through a shell) and the job scripts only quote "$HOPT_RUN", so a path may
/// hold spaces, quotes, `$(...)`, backticks or `;` and stay inert. What is refused is what Slurm
/// itself would re-parse: control characters (a newline splits an #SBATCH-style line or a log
/// record) and '%' (sbatch expands %j, %x in --output paths). Paths reach jobs through sbatch's
/// environment, never through --export=NAME=value, whose parser splits on ',' and honours quotes.
/// Names, accounts, QoS and partitions are held to Slurm's plain token alphabet.
/// </summary>
public static partial class SlurmValue
{
    public enum Kind { Name, Token, Constraint, Path }

    public static IEnumerable<string> CheckOptional(string field, string? value, Kind kind) =>
        value is null ? [] : Check(field, value, kind);

    public static IEnumerable<string> Check(string field, string? value, Kind kind)
    {
        if (string.IsNullOrEmpty(value))
        {
            yield return $"{field}: must not be empty";
            yield break;
        }
        var control = value.FirstOrDefault(char.IsControl);
        if (control != default)
        {
            yield return $"{field}: '{Printable(value)}' contains a control character ({Describe(control)}); not allowed in Slurm values";
            yield break;
        }
        switch (kind)
        {
            case Kind.Name when !NamePattern().IsMatch(value):
                yield return $"{field}: '{value}' must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit";
                break;
            case Kind.Token when !TokenPattern().IsMatch(value):
                yield return $"{field}: '{value}' must be letters, digits and . _ @ + - only";
                break;
            case Kind.Constraint when !ConstraintPattern().IsMatch(value):
                yield return $"{field}: '{value}' must be a Slurm feature expression (letters, digits, . _ - & |)";
                break;
            case Kind.Path:
                if (!value.StartsWith('/')) yield return $"{field}: '{value}' must be an absolute path";
                if (value.Contains('%')) yield return $"{field}: '{value}' contains '%', which sbatch would expand in log file names";
                break;
        }
    }

    /// <summary>Shows a value in a message without letting it break the message's lines.</summary>
    public static string Printable(string value)
    {
        var sb = new StringBuilder();
        foreach (var c in value.Take(200))
            sb.Append(char.IsControl(c) ? Describe(c) : c.ToString());
        return sb.ToString();
    }

    private static string Describe(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => $"\\x{(int)c:x2}",
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^[A-Za-z0-9._&|-]{1,128}$")]
    private static partial Regex ConstraintPattern();
}
