using HOptimus.Core;
using HOptimus.Slurm.Process;
using HOptimus.Slurm.Submission;
using Serilog;

namespace HOptimus.Cli.Verbs;

/// <summary>What every verb shares: its logger and a Slurm client with the profile's retry budget.</summary>
public static class Cli
{
    public static ILogger Logger(CommonOptions o) =>
        Log.Logger = Logging.Create("hopt", SlurmEnvironment.FromEnvironment(), verbose: o.Verbose);

    public static SlurmClient Slurm(RetryOptions retry, ILogger log, string? submitDirectory = null) =>
        new(new SystemProcessRunner(), retry, log) { SubmitDirectory = submitDirectory };

    /// <summary>Verbs without a config file say so instead of ignoring -c/--set.</summary>
    public static void RejectConfig(CommonOptions o, string verb)
    {
        if (o.ConfigFiles.Any() || o.Overrides.Any())
            throw HoptException.Usage($"hopt {verb} takes no --config/--set");
    }

    public static void PrintJson<T>(T value) => Console.WriteLine(Json.Serialize(value));
}
