namespace HOptimus.Evaluation.Probes;

/// <summary>
/// The linear probe: standardise with training statistics, fit an L2 multinomial logistic regression for each
/// strength of the grid (ascending C, each warm-started from the previous), keep the one with the best
/// validation metric (the strongest regularisation wins a tie), and predict the test rows with it.
/// </summary>
public sealed class LinearProbe(LinearProbeOptions options)
{
    public ProbeOutput Run(LabelledFeatures train, LabelledFeatures validation, FeatureMatrix test, int classes)
    {
        Features.FeatureChecks.RequireSameWidth(train.Features, validation.Features, "validation");
        Features.FeatureChecks.RequireSameWidth(train.Features, test, "test");
        var scaler = Standardizer.Fit(train.Features);
        var xTrain = scaler.Transform(train.Features);
        var xVal = scaler.Transform(validation.Features);
        var solver = new Lbfgs(options.MaxIterations, options.GradientTolerance);
        LogisticRegression? best = null;
        var bestScore = double.NegativeInfinity;
        double[]? start = null;
        foreach (var c in options.EffectiveInverseStrengths.Order())
        {
            var model = LogisticRegression.Fit(xTrain, train.Labels, classes, c, solver, start);
            start = model.Parameters;
            var probabilities = model.PredictProbabilities(xVal);
            var score = Metrics.ClassificationMetrics.Compute(options.SelectBy, validation.Labels,
                probabilities.Select(ProbeOutput.ArgMax).ToArray(), probabilities);
            if (score > bestScore || best is null)
            {
                best = model;
                bestScore = score;
            }
        }
        var testProbabilities = best!.PredictProbabilities(scaler.Transform(test));
        return new ProbeOutput(testProbabilities.Select(ProbeOutput.ArgMax).ToArray(), testProbabilities,
            new Dictionary<string, double>
            {
                ["inverseStrength"] = best.InverseStrength,
                ["validationScore"] = bestScore,
                ["iterations"] = best.Iterations,
                ["converged"] = best.Converged ? 1 : 0,
            });
    }
}
