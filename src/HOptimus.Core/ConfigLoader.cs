using Microsoft.Extensions.Configuration;

namespace HOptimus.Core;

/// <summary>
/// Typed configuration from, in rising precedence: the record's defaults, JSON files (a recipe),
/// HOPT_CONFIG__* environment variables (HOPT_CONFIG__Train__Lr; the prefix keeps HOPT_RUN, HOPT_BIN
/// and the other job variables out of the config), and --set key=value overrides (Train:Lr=1e-3).
/// Unknown keys are errors: a typo in a recipe must not silently fall back to a default.
/// </summary>
public static class ConfigLoader
{
    public static T Load<T>(IEnumerable<string> jsonFiles, IEnumerable<string> overrides, string? section = null)
        where T : class, IValidatable, new()
    {
        var builder = new ConfigurationBuilder();
        foreach (var file in jsonFiles)
        {
            if (!File.Exists(file)) throw HoptException.Usage($"{file}: config file not found");
            builder.AddJsonFile(Path.GetFullPath(file), optional: false);
        }
        builder.AddEnvironmentVariables("HOPT_CONFIG__");
        builder.AddInMemoryCollection(ParseOverrides(overrides));
        IConfiguration config;
        try
        {
            config = builder.Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw HoptException.Usage($"config: {e.Message}");
        }
        var source = section is null ? config : config.GetSection(section);
        try
        {
            var options = source.Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();
            return options.Validated();
        }
        catch (InvalidOperationException e)
        {
            throw HoptException.Usage($"config: {MessageChain(e)}");
        }
    }

    /// <summary>The binder wraps the useful part ("'precision' is not a valid Metric") in its inner exceptions.</summary>
    private static string MessageChain(Exception e)
    {
        var messages = new List<string>();
        for (Exception? current = e; current is not null; current = current.InnerException)
            messages.Add(current.Message);
        return string.Join(" ← ", messages.Distinct());
    }

    public static IEnumerable<KeyValuePair<string, string?>> ParseOverrides(IEnumerable<string> overrides)
    {
        foreach (var o in overrides)
        {
            var eq = o.IndexOf('=');
            if (eq <= 0) throw HoptException.Usage($"--set {o}: expected key=value, e.g. Optim:Lr=1e-3");
            yield return new(o[..eq].Replace('.', ':'), o[(eq + 1)..]);
        }
    }
}
