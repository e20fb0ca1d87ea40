using HOptimus.Core;

namespace HOptimus.Evaluation.Probes;

/// <summary>kNN settings (a task's "knn" section); the defaults are DINO's eval_knn.</summary>
public sealed record KnnOptions : IValidatable
{
    /// <summary>Neighbours that vote. Default 20.</summary>
    public int K { get; init; } = 20;

    /// <summary>Vote weight exp(cosine / T), unitless. Default 0.07.</summary>
    public double Temperature { get; init; } = 0.07;

    public IEnumerable<string> Validate()
    {
        if (K < 1) yield return $"knn.k: must be >= 1, got {K}";
        if (!(Temperature > 0)) yield return $"knn.temperature: must be > 0, got {Temperature}";
    }
}
