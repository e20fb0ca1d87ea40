using HOptimus.Core;

namespace HOptimus.Evaluation.Tasks;

/// <summary>The checks that turn unusable labels into a named error instead of a crash or a silent drop.</summary>
public static class DatasetChecks
{
    /// <summary>Non-empty, and no class with a single sample (it cannot be both trained on and tested).</summary>
    public static void RequireUsable(string task, LabelledDataset dataset)
    {
        if (dataset.Samples.Count == 0) throw HoptException.BadInput($"task {task}: {dataset.Description}: no labelled samples");
        var single = dataset.Samples.GroupBy(s => s.Label).Where(g => g.Count() == 1).ToList();
        if (single.Count > 0)
            throw HoptException.BadInput($"task {task}: " + string.Join("; ", single.Select(g =>
                $"class '{dataset.ClassNames[g.Key]}' has a single sample ({g.First().Key})")) +
                "; every class needs at least 2 samples (drop the class or add samples)");
    }

    /// <summary>Train, validation and test each hold at least one sample.</summary>
    public static void RequireNonEmpty(string task, LabelledDataset dataset, SplitAssignment split, string[] groups)
    {
        var where = $"task {task}, {split.Name}";
        foreach (var (part, indices) in new[] { ("train", split.Train), ("validation", split.Validation), ("test", split.Test) })
            if (indices.Length == 0)
                throw HoptException.BadInput($"{where}: the {part} part is empty ({dataset.Samples.Count} samples in " +
                                             $"{groups.Distinct().Count()} groups); use fewer folds, other fractions or more groups");
    }

    /// <summary>Every class with samples seen in training, and no group on two sides.</summary>
    public static void RequireSound(string task, LabelledDataset dataset, SplitAssignment split, string[] groups, GroupBy groupBy)
    {
        var where = $"task {task}, {split.Name}";
        var trained = split.Train.Select(i => dataset.Samples[i].Label).ToHashSet();
        var unseen = split.Validation.Concat(split.Test).Select(i => dataset.Samples[i].Label).Distinct().Where(c => !trained.Contains(c)).ToList();
        if (unseen.Count > 0)
            throw HoptException.BadInput($"{where}: class(es) {string.Join(", ", unseen.Select(c => $"'{dataset.ClassNames[c]}'"))} " +
                                         "have no training sample; they need more groups (patients/slides) or another split seed");
        if (groupBy == GroupBy.Sample) return;
        var side = new Dictionary<string, string>();
        foreach (var (part, indices) in new[] { ("train", split.Train), ("validation", split.Validation), ("test", split.Test) })
            foreach (var i in indices)
                if (side.TryGetValue(groups[i], out var other) && other != part)
                    throw HoptException.BadInput($"{where}: {KebabCaseEnumConverter<GroupBy>.Name(groupBy)} '{groups[i]}' is in both {other} and {part} (leak)");
                else side[groups[i]] = part;
    }
}
