using HOptimus.Core;
using HOptimus.Evaluation.Features;
using HOptimus.Evaluation.Metrics;
using HOptimus.Evaluation.Probes;
using HOptimus.Evaluation.Reporting;
using Serilog;

namespace HOptimus.Evaluation;

/// <summary>
/// hopt-eval's work: plan every task (datasets and splits, so bad labels fail before any model loads), then
/// for each backbone in turn (one in memory at a time) get features from the cache or extract them, run
/// each protocol, and write one results table for all.
/// </summary>
public sealed class EvalRunner(EvalOptions options, RunDirectory run, ILogger log)
{
    private string Resolve(string path) => Path.GetFullPath(path, run.Root);

    public IReadOnlyList<PlannedTask> Plan()
    {
        var tasks = options.EffectiveTasks.Select(t => PlannedTask.Load(t, run.Root)).ToList();
        foreach (var spec in options.EffectiveBackbones.Where(b => b.Path is not null))
            if (!Directory.Exists(Resolve(spec.Path!)) && !File.Exists(Resolve(spec.Path!)))
                throw HoptException.BadInput($"backbone {spec.Name}: {Resolve(spec.Path!)}: no such export folder or .safetensors file");
        return tasks;
    }

    /// <summary>What --dry-run prints: tasks with their sizes and splits, backbones, output folder.</summary>
    public string Describe(IReadOnlyList<PlannedTask> tasks)
    {
        var lines = new List<string>();
        foreach (var t in tasks)
        {
            lines.Add($"task {t.Name}: {t.Dataset.Description}, {t.Dataset.ClassCount} classes; {t.SplitDescription}");
            lines.AddRange(t.Splits.Select(s => $"  {s.Name}: train {s.Train.Length}, validation {s.Validation.Length}, test {s.Test.Length}"));
        }
        lines.AddRange(options.EffectiveBackbones.Select(b =>
            $"backbone {b.Name}: {(b.Random is not null ? $"random {b.Random} (seed {b.Seed})" : Resolve(b.Path!))}"));
        lines.Add($"results -> {Resolve(options.OutputDirectory)}; feature cache -> {Resolve(options.CacheDirectory)}");
        return string.Join(Environment.NewLine, lines);
    }

    public ResultsDocument Run(CancellationToken cancel)
    {
        var tasks = Plan();
        log.Information("{Tasks} task(s), {Backbones} backbone(s)", tasks.Count, options.EffectiveBackbones.Count);
        var settings = new ExtractionSettings(options.BatchSize, ExtractionSettings.ResolveDevice(options.Device), options.DecodeThreads);
        var cache = new FeatureCache(Resolve(options.CacheDirectory));
        var bootstrap = new Bootstrap(options.Bootstrap.Resamples, options.Bootstrap.Seed, options.Bootstrap.Level);
        var backbones = new List<BackboneInfo>();
        var results = new List<ProtocolResult>();
        foreach (var spec in options.EffectiveBackbones)
        {
            using var backbone = FeatureBackbone.Load(spec, run.Root);
            backbones.Add(new BackboneInfo(backbone.Name, backbone.Source, backbone.WeightsSha256, backbone.FeatureDim, backbone.ImageSize));
            foreach (var task in tasks)
            {
                var features = Features(backbone, task, cache, settings, cancel);
                var spread = FeatureChecks.MaxSpread(features);
                if (spread < 1e-6)
                    log.Warning("{Backbone} on {Task}: features barely vary across images (largest std {Spread:E1}); " +
                                "expect chance-level results (a random initialisation with LayerScale does this)", backbone.Name, task.Name, spread);
                foreach (var protocol in task.Options.EffectiveProtocols)
                {
                    cancel.ThrowIfCancellationRequested();
                    var result = ProtocolEvaluation.Evaluate(task, backbone.Name, features, protocol, bootstrap);
                    var headline = result.Metrics.First();
                    log.Information("{Task} {Backbone} {Protocol}: {Metric} {Value:F3} [{Lower:F3}, {Upper:F3}]", task.Name,
                        backbone.Name, result.Protocol, headline.Key, headline.Value.Value, headline.Value.Lower, headline.Value.Upper);
                    results.Add(result);
                }
            }
        }
        var document = new ResultsDocument(1, DateTimeOffset.UtcNow, $"hopt-eval {BuildInfo.Version}", options.Bootstrap, backbones,
            tasks.Select(t => new TaskInfo(t.Name, t.Dataset.Description, t.Dataset.ClassNames, t.Dataset.Samples.Count, t.SplitDescription,
                t.Options.EffectiveMetrics.Select(KebabCaseEnumConverter<Metric>.Name).ToList(),
                t.Splits.Select(s => new SplitSizes(s.Name, s.Train.Length, s.Validation.Length, s.Test.Length)).ToList())).ToList(),
            results);
        foreach (var file in ResultsWriter.Write(document, Resolve(options.OutputDirectory), log))
            log.Information("wrote {File}", file);
        return document;
    }

    private FeatureMatrix Features(FeatureBackbone backbone, PlannedTask task, FeatureCache cache, ExtractionSettings settings,
                                   CancellationToken cancel)
    {
        var dataset = task.Dataset;
        var features = cache.TryRead(backbone.WeightsSha256, dataset.Fingerprint, dataset.Samples.Count, backbone.FeatureDim);
        if (features is not null)
        {
            log.Information("{Backbone} on {Task}: features from {Cache}", backbone.Name, task.Name,
                cache.PathFor(backbone.WeightsSha256, dataset.Fingerprint));
            FeatureChecks.RequireFinite(features, dataset, backbone.Name);
            return features;
        }
        log.Information("{Backbone} on {Task}: extracting {Count} images on {Device}", backbone.Name, task.Name,
            dataset.Samples.Count, settings.Device);
        features = FeatureExtractor.Extract(backbone, dataset, settings, log, cancel);
        // Checked before caching, so NaN features are never stored to be reused.
        FeatureChecks.RequireFinite(features, dataset, backbone.Name);
        cache.Write(backbone.WeightsSha256, dataset.Fingerprint, features, dataset.Samples.Select(s => s.Label).ToArray(), backbone.Name);
        return features;
    }
}
