using HOptimus.Evaluation.Tasks;

namespace HOptimus.Evaluation;

/// <summary>A task with its dataset loaded and checked and its splits drawn: all that precedes any model.</summary>
public sealed record PlannedTask(EvalTaskOptions Options, LabelledDataset Dataset, IReadOnlyList<SplitAssignment> Splits)
{
    public string Name => Options.Name;

    public string SplitDescription => Options.Split.Kind switch
    {
        SplitKind.Folds => $"{Options.Split.Folds} folds grouped by {KebabCaseEnumConverter<GroupBy>.Name(Options.Split.GroupBy)}, test predictions pooled",
        SplitKind.Column => "train/val/test from the split column",
        _ => $"train/val/test {Options.Split.Train:0.##}/{Options.Split.Validation:0.##}/{Options.Split.Test:0.##} " +
             $"grouped by {KebabCaseEnumConverter<GroupBy>.Name(Options.Split.GroupBy)} (seed {Options.Split.Seed})",
    };

    /// <summary>Loads the dataset (no pixels yet) and plans its splits; every input problem surfaces here.</summary>
    public static PlannedTask Load(EvalTaskOptions options, string root)
    {
        var dataset = options.Dataset.Shards is not null
            ? ShardDataset.Load(options.Dataset, root)
            : ImageFolderDataset.Load(options.Dataset, root);
        return new PlannedTask(options, dataset, SplitPlanner.Plan(options.Name, dataset, options.Split));
    }
}
