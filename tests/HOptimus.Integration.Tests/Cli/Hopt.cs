using HOptimus.Integration.Tests.Support;

namespace HOptimus.Integration.Tests.Cli;

/// <summary>Runs the `hopt` built beside the tests (the executable, argv only) from the checkout root.</summary>
public static class Hopt
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "hopt");

    public static ProcessResult Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null) =>
        Processes.Run(Executable, args, timeout ?? TimeSpan.FromMinutes(3), environment, Repo.Root);

    /// <summary>Writes a pipeline file for a test run and returns its path.</summary>
    public static string Pipeline(string folder, string json)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "pipeline.json");
        File.WriteAllText(path, json);
        return path;
    }

    public static string JsonString(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
