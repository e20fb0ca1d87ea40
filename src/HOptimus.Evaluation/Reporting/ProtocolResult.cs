namespace HOptimus.Evaluation.Reporting;

/// <summary>
/// One cell group of the table: a backbone on a task with a protocol. Metrics are on the pooled test
/// predictions (each sample tested once across folds), keyed by kebab-case metric name; <see cref="Choices"/>
/// holds what each split picked (the linear probe's C, its validation score).
/// </summary>
public sealed record ProtocolResult(
    string Task,
    string Backbone,
    string Protocol,
    int TestSamples,
    IReadOnlyDictionary<string, MetricSummary> Metrics,
    IReadOnlyList<IReadOnlyDictionary<string, double>> Choices);
