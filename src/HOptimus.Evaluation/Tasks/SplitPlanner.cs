using HOptimus.Core;

namespace HOptimus.Evaluation.Tasks;

/// <summary>
/// Divides a dataset into train/validation/test by whole groups (patients, slides), so no group is on two
/// sides; then checks what the probes need: no empty part, every class seen in training, no leak.
/// </summary>
public static class SplitPlanner
{
    public static IReadOnlyList<SplitAssignment> Plan(string task, LabelledDataset dataset, SplitOptions options)
    {
        DatasetChecks.RequireUsable(task, dataset);
        var groups = GroupKeys(task, dataset, options.GroupBy);
        var splits = options.Kind switch
        {
            SplitKind.Fractions => [Fractions(groups, options)],
            SplitKind.Folds => Folds(groups, options),
            SplitKind.Column => [FromColumn(task, dataset)],
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, null),
        };
        foreach (var split in splits) DatasetChecks.RequireNonEmpty(task, dataset, split, groups);
        foreach (var split in splits) DatasetChecks.RequireSound(task, dataset, split, groups, options.GroupBy);
        return splits;
    }

    /// <summary>The group of each sample; a sample without the id the grouping needs is an error.</summary>
    public static string[] GroupKeys(string task, LabelledDataset dataset, GroupBy groupBy)
    {
        var keys = dataset.Samples.Select(s => groupBy switch
        {
            GroupBy.Patient => s.Patient,
            GroupBy.Slide => s.Slide,
            _ => s.Key,
        }).ToArray();
        var missing = keys.Select((k, i) => (k, i)).Where(p => p.k is null).ToList();
        if (missing.Count > 0)
        {
            var name = KebabCaseEnumConverter<GroupBy>.Name(groupBy);
            throw HoptException.BadInput(
                $"task {task}: split.groupBy is '{name}' but {missing.Count} sample(s) have no {name} id " +
                $"(first: {dataset.Samples[missing[0].i].Key}); add the column or group by another unit");
        }
        return keys!;
    }

    private static SplitAssignment Fractions(string[] groups, SplitOptions options)
    {
        var targets = new[] { options.Train, options.Validation, options.Test }.Select(f => f * groups.Length).ToArray();
        var counts = new double[3];
        var parts = new[] { new List<int>(), new List<int>(), new List<int>() };
        foreach (var members in ShuffledGroups(groups, options.Seed))
        {
            // The part furthest below its target takes the next whole group.
            var part = Enumerable.Range(0, 3).MaxBy(p => targets[p] - counts[p]);
            parts[part].AddRange(members);
            counts[part] += members.Count;
        }
        return new SplitAssignment("split", Sorted(parts[0]), Sorted(parts[1]), Sorted(parts[2]));
    }

    private static IReadOnlyList<SplitAssignment> Folds(string[] groups, SplitOptions options)
    {
        var folds = Enumerable.Range(0, options.Folds).Select(_ => new List<int>()).ToArray();
        // Largest groups first, each to the smallest fold: folds end up about equal in samples.
        foreach (var members in ShuffledGroups(groups, options.Seed).OrderByDescending(m => m.Count))
            folds.MinBy(f => f.Count)!.AddRange(members);
        return Enumerable.Range(0, options.Folds).Select(i =>
        {
            var validation = (i + 1) % options.Folds;
            var train = folds.Where((_, f) => f != i && f != validation).SelectMany(f => f).ToList();
            return new SplitAssignment($"fold {i + 1}/{options.Folds}", Sorted(train), Sorted(folds[validation]), Sorted(folds[i]));
        }).ToList();
    }

    private static SplitAssignment FromColumn(string task, LabelledDataset dataset)
    {
        var parts = new[] { new List<int>(), new List<int>(), new List<int>() };
        for (var i = 0; i < dataset.Samples.Count; i++)
        {
            var sample = dataset.Samples[i];
            var part = sample.Split?.ToLowerInvariant() switch
            {
                "train" => 0,
                "val" or "validation" => 1,
                "test" => 2,
                _ => throw HoptException.BadInput(
                    $"task {task}: sample {sample.Key} has split '{sample.Split}', expected train, val or test (split.kind is column)"),
            };
            parts[part].Add(i);
        }
        return new SplitAssignment("split", parts[0].ToArray(), parts[1].ToArray(), parts[2].ToArray());
    }

    /// <summary>Sample indices per group, groups in a seeded random order (independent of input order).</summary>
    private static List<List<int>> ShuffledGroups(string[] groups, int seed)
    {
        var byGroup = groups.Select((g, i) => (g, i)).GroupBy(p => p.g, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Select(p => p.i).ToList()).ToList();
        var random = new Random(seed);
        for (var i = byGroup.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (byGroup[i], byGroup[j]) = (byGroup[j], byGroup[i]);
        }
        return byGroup;
    }

    private static int[] Sorted(IEnumerable<int> indices) => indices.Order().ToArray();
}
