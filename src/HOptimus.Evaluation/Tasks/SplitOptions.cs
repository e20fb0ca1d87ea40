using HOptimus.Core;

namespace HOptimus.Evaluation.Tasks;

/// <summary>A task's "split" section.</summary>
public sealed record SplitOptions : IValidatable
{
    /// <summary>fractions | folds | column. Default fractions.</summary>
    public SplitKind Kind { get; init; } = SplitKind.Fractions;

    /// <summary>Share of samples for training (fractions only), 0..1. Default 0.6.</summary>
    public double Train { get; init; } = 0.6;

    /// <summary>Share of samples for validation (fractions only), 0..1. Default 0.2.</summary>
    public double Validation { get; init; } = 0.2;

    /// <summary>Share of samples for test (fractions only), 0..1. Default 0.2.</summary>
    public double Test { get; init; } = 0.2;

    /// <summary>Number of folds (folds only), >= 3 so train, validation and test each get one. Default 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>patient | slide | sample: what stays on one side of every split. Default patient.</summary>
    public GroupBy GroupBy { get; init; } = GroupBy.Patient;

    /// <summary>Seed of the group shuffle. Default 0.</summary>
    public int Seed { get; init; }

    public IEnumerable<string> Validate()
    {
        if (Kind == SplitKind.Fractions)
        {
            foreach (var (key, value) in new[] { ("train", Train), ("validation", Validation), ("test", Test) })
                if (!(value > 0 && value < 1)) yield return $"split.{key}: must be in (0, 1), got {value}";
            if (Math.Abs(Train + Validation + Test - 1) > 1e-9)
                yield return $"split: train + validation + test must be 1, got {Train + Validation + Test}";
        }
        if (Kind == SplitKind.Folds && Folds < 3) yield return $"split.folds: must be >= 3, got {Folds}";
    }
}
