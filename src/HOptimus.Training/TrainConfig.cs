using HOptimus.Core;
using HOptimus.Distributed;
using HOptimus.Training.Options;
using HOptimus.Training.Parallel;

namespace HOptimus.Training;

/// <summary>
/// The resolved configuration of hopt-train: a recipe (Recipes/&lt;name&gt;.json beside the executable),
/// then --config files, then HOPT_CONFIG__Train__* variables, then --set overrides, then --device. A config file
/// holds a "Train" section (TrainerOptions) and optionally "Distributed" and "Parallel" ones. --set keys
/// without one of these prefixes mean Train: (--set Optim:BaseLr=1e-3 is Train:Optim:BaseLr).
/// </summary>
public sealed record TrainConfig(TrainerOptions Train, DistributedOptions Distributed, DataParallelOptions Parallel)
{
    public static string RecipeDirectory => Path.Combine(AppContext.BaseDirectory, "Recipes");

    public static IReadOnlyList<string> RecipeNames =>
        Directory.Exists(RecipeDirectory)
            ? Directory.GetFiles(RecipeDirectory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order().ToList()
            : [];

    public static TrainConfig Load(string? recipe, IEnumerable<string> configFiles, IEnumerable<string> overrides, string? device)
    {
        var files = new List<string>();
        if (recipe is not null)
        {
            var path = Path.Combine(RecipeDirectory, recipe + ".json");
            if (!File.Exists(path))
                throw HoptException.Usage($"--recipe {recipe}: no such recipe; known: {string.Join(", ", RecipeNames)}");
            files.Add(path);
        }
        files.AddRange(configFiles);
        var sets = overrides.Select(Qualify).ToList();
        if (device is not null) sets.Add($"{TrainerOptions.Section}:Device={device}");
        sets = LastWins(sets);
        var train = ConfigLoader.Load<TrainerOptions>(files, sets, TrainerOptions.Section);
        var distributed = ConfigLoader.Load<DistributedOptions>(files, sets, "Distributed");
        var parallel = ConfigLoader.Load<DataParallelOptions>(files, sets, "Parallel");
        return new TrainConfig(train, distributed, parallel);
    }

    /// <summary>A key set twice keeps its last value (ConfigLoader's in-memory source refuses duplicates).</summary>
    private static List<string> LastWins(List<string> sets)
    {
        var last = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in sets)
        {
            var eq = set.IndexOf('=');
            last[eq < 0 ? set : set[..eq].Replace('.', ':')] = set;
        }
        return [.. last.Values];
    }

    private static string Qualify(string set) =>
        set.StartsWith(TrainerOptions.Section + ":", StringComparison.OrdinalIgnoreCase)
        || set.StartsWith(TrainerOptions.Section + ".", StringComparison.OrdinalIgnoreCase)
        || set.StartsWith("Distributed:", StringComparison.OrdinalIgnoreCase)
        || set.StartsWith("Distributed.", StringComparison.OrdinalIgnoreCase)
        || set.StartsWith("Parallel:", StringComparison.OrdinalIgnoreCase)
        || set.StartsWith("Parallel.", StringComparison.OrdinalIgnoreCase)
            ? set
            : $"{TrainerOptions.Section}:{set}";
}
