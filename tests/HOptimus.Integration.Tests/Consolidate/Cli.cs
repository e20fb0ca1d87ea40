namespace HOptimus.Integration.Tests.Consolidate;

/// <summary>Runs hopt-consolidate's real entry point (Program.cs) in process, capturing what it prints.</summary>
internal static class Cli
{
    private static readonly object ConsoleLock = new();

    public static (int Code, string Output) Consolidate(params string[] args)
    {
        var entry = typeof(HOptimus.Consolidate.Consolidator).Assembly.EntryPoint!;
        lock (ConsoleLock)
        {
            var (stdout, stderr) = (Console.Out, Console.Error);
            var captured = new StringWriter();
            Console.SetOut(captured);
            Console.SetError(captured);
            try
            {
                var code = (int)entry.Invoke(null, [args])!;
                return (code, captured.ToString());
            }
            finally
            {
                Console.SetOut(stdout);
                Console.SetError(stderr);
            }
        }
    }
}
