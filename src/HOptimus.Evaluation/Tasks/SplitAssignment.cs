namespace HOptimus.Evaluation.Tasks;

/// <summary>One train/validation/test division of a dataset, as sample indices.</summary>
public sealed record SplitAssignment(string Name, int[] Train, int[] Validation, int[] Test);
