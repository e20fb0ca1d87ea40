namespace HOptimus.Slurm.Submission;

/// <summary>
/// For display only (--dry-run): renders argv as a line an operator can paste into bash and get the
/// same argv. hopt itself never runs a shell.
/// </summary>
public static class ShellQuote
{
    public static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "@%+=:,./_-".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''") + "'";

    public static string Join(string program, IEnumerable<string> args) =>
        string.Join(' ', new[] { program }.Concat(args.Select(Quote)));

    /// <summary>NAME=value ... program args, as bash reads an environment prefix.</summary>
    public static string Command(IReadOnlyDictionary<string, string> environment, string program, IEnumerable<string> args) =>
        string.Concat(environment.Select(kv => $"{kv.Key}={Quote(kv.Value)} ")) + Join(program, args);
}
