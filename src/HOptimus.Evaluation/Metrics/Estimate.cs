namespace HOptimus.Evaluation.Metrics;

/// <summary>
/// A metric on the test set with its bootstrap percentile interval. <see cref="Resamples"/> counts the resamples
/// the interval came from: those missing a class of the test set are skipped (see <see cref="Bootstrap"/>).
/// </summary>
public sealed record Estimate(double Value, double Lower, double Upper, int Resamples);
