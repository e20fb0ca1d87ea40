using HOptimus.Evaluation.Metrics;
using HOptimus.Evaluation.Probes;
using HOptimus.Evaluation.Reporting;
using HOptimus.Evaluation.Tasks;

namespace HOptimus.Evaluation;

/// <summary>
/// Runs one protocol on one task's features over every split, pools the test predictions (with folds each
/// sample is tested exactly once) and puts bootstrap intervals on the pooled metrics.
/// </summary>
public static class ProtocolEvaluation
{
    public static ProtocolResult Evaluate(PlannedTask task, string backbone, FeatureMatrix features, Protocol protocol, Bootstrap bootstrap)
    {
        var labels = task.Dataset.Samples.Select(s => s.Label).ToArray();
        var classes = task.Dataset.ClassCount;
        var truth = new List<int>();
        var predicted = new List<int>();
        var probabilities = new List<double[]>();
        var choices = new List<IReadOnlyDictionary<string, double>>();
        foreach (var split in task.Splits)
        {
            LabelledFeatures Part(int[] indices) => new(features.Select(indices), indices.Select(i => labels[i]).ToArray());
            var train = Part(split.Train);
            var test = features.Select(split.Test);
            var output = protocol switch
            {
                Protocol.Linear => new LinearProbe(task.Options.Linear).Run(train, Part(split.Validation), test, classes),
                Protocol.Knn => new KnnClassifier(task.Options.Knn).Run(train, test, classes),
                _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
            };
            truth.AddRange(split.Test.Select(i => labels[i]));
            predicted.AddRange(output.Predicted);
            probabilities.AddRange(output.Probabilities);
            choices.Add(output.Choices);
        }
        var metrics = task.Options.EffectiveMetrics;
        var estimates = bootstrap.Estimate(metrics, truth, predicted, probabilities);
        return new ProtocolResult(task.Name, backbone, KebabCaseEnumConverter<Protocol>.Name(protocol), truth.Count,
            metrics.ToDictionary(KebabCaseEnumConverter<Metric>.Name, m => MetricSummary.From(estimates[m])), choices);
    }
}
