namespace HOptimus.Training.Metrics;

/// <summary>
/// One line of metrics.jsonl. Losses are the weighted terms of the total; times are seconds.
/// Collapse signals: <see cref="TeacherEntropy"/> (nats of the teacher's mean prototype distribution;
/// collapse drives it to 0), <see cref="FeatureStd"/> (std over the batch of the student's normalised
/// CLS features, averaged over dimensions; collapse drives it to 0), and <see cref="KoLeo"/>.
/// </summary>
public sealed record StepMetrics
{
    public long Step { get; init; }
    public double Loss { get; init; }
    public double DinoLocal { get; init; }
    public double DinoGlobal { get; init; }
    public double Ibot { get; init; }
    public double KoLeo { get; init; }
    public double Lr { get; init; }
    public double WeightDecay { get; init; }
    public double Momentum { get; init; }
    public double TeacherTemperature { get; init; }
    public double TeacherEntropy { get; init; }
    public double FeatureStd { get; init; }
    /// <summary>L2 norm of all gradients before clipping.</summary>
    public double GradNorm { get; init; }
    /// <summary>Images per second over all ranks, averaged since the previous line.</summary>
    public double ImagesPerSecond { get; init; }
    public double StepSeconds { get; init; }
    public double DataWaitSeconds { get; init; }
    /// <summary>Steps skipped for a NaN/inf loss since the start of the run.</summary>
    public long NonFiniteSkipped { get; init; }
}
