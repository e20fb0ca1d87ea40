using CommandLine;
using Serilog;

namespace HOptimus.Core;

/// <summary>
/// The shape of every Program.cs: parse, run, map the outcome to an exit code. Expected failures
/// print their message only; a stack trace goes to the log, never as the message.
/// </summary>
public static class EntryPoint
{
    public static Parser Parser { get; } = new(s =>
    {
        s.HelpWriter = Console.Out;
        s.CaseInsensitiveEnumValues = true;
        s.AutoVersion = true;
        // --set a=1 --set b=2: every repeatable option may be given more than once.
        s.AllowMultiInstance = true;
    });

    /// <summary>Maps a parse result to an exit code: help/version is 0, a usage error is 2.</summary>
    public static int ParseFailed(IEnumerable<Error> errors) =>
        errors.All(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.VersionRequestedError or ErrorType.HelpVerbRequestedError)
            ? ExitCodes.Done
            : ExitCodes.Usage;

    public static int Guard(string component, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (HoptException e)
        {
            Console.Error.WriteLine($"{component}: error: {e.Message}");
            Log.Logger.Debug(e, "{Component} failed", component);
            return e.ExitCode;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            // Input that is not where the config says: the file's name is the message, not a stack trace.
            Console.Error.WriteLine($"{component}: error: {e.Message}");
            Log.Logger.Debug(e, "{Component} failed", component);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"{component}: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{component}: internal error: {e.GetType().Name}: {e.Message} (details in the log)");
            Log.Logger.Fatal(e, "{Component} crashed", component);
            Console.Error.WriteLine(e);
            return ExitCodes.Failed;
        }
        finally
        {
            Log.CloseAndFlush();
        }
    }
}
