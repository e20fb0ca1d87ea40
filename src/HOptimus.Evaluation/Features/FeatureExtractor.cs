// Shapes: B batch, C channels (3), H/W pixels, D feature width.
using System.Diagnostics;
using HOptimus.Evaluation.Images;
using HOptimus.Evaluation.Probes;
using HOptimus.Evaluation.Tasks;
using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace HOptimus.Evaluation.Features;

/// <summary>
/// Frozen CLS features: decode and normalise a batch on CPU threads (the next batch decodes while the model
/// runs the current one), forward without gradients, keep the CLS token after the final norm.
/// </summary>
public static class FeatureExtractor
{
    public static FeatureMatrix Extract(FeatureBackbone backbone, LabelledDataset dataset, ExtractionSettings settings,
                                        ILogger log, CancellationToken cancel)
    {
        var n = dataset.Samples.Count;
        var d = backbone.FeatureDim;
        var features = new double[(long)n * d];
        var model = backbone.Model;
        model.to(settings.Device);
        model.eval();
        using var images = dataset.OpenImages();
        var batches = (n + settings.BatchSize - 1) / settings.BatchSize;
        var watch = Stopwatch.StartNew();
        var lastLog = TimeSpan.Zero;
        Task<float[]>? next = batches > 0 ? Task.Run(() => Decode(images, backbone, 0, Math.Min(n, settings.BatchSize), settings)) : null;
        try
        {
            for (var b = 0; b < batches; b++)
            {
                cancel.ThrowIfCancellationRequested();
                var start = b * settings.BatchSize;
                var count = Math.Min(n - start, settings.BatchSize);
                var pixels = next!.GetAwaiter().GetResult();
                var nextStart = start + count;
                next = nextStart < n
                    ? Task.Run(() => Decode(images, backbone, nextStart, Math.Min(n - nextStart, settings.BatchSize), settings))
                    : null;
                using (var scope = NewDisposeScope())
                using (no_grad())
                {
                    var s = backbone.ImageSize;
                    var images_BCHW = tensor(pixels, [count, 3, s, s]).to(settings.Device);
                    var cls_BD = model.forward(images_BCHW).to(ScalarType.Float32).cpu();
                    var values = cls_BD.data<float>().ToArray();
                    for (var i = 0; i < values.Length; i++) features[(long)start * d + i] = values[i];
                }
                if (watch.Elapsed - lastLog > TimeSpan.FromSeconds(10) || b == batches - 1)
                {
                    lastLog = watch.Elapsed;
                    var done = start + count;
                    var rate = done / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
                    log.Information("{Backbone}: {Done}/{Total} images, {Rate:F1} images/s, ETA {Eta:F0} s",
                        backbone.Name, done, n, rate, (n - done) / rate);
                }
            }
        }
        finally
        {
            // Never dispose the image source under a decode still running (after an error or a cancel).
            try { next?.Wait(); } catch (AggregateException) { }
        }
        return new FeatureMatrix(n, d, features);
    }

    /// <summary>Decodes samples [start, start+count) into one normalised CHW float batch, in parallel.</summary>
    private static float[] Decode(IImageSource images, FeatureBackbone backbone, int start, int count, ExtractionSettings settings)
    {
        var s = backbone.ImageSize;
        var plane = s * s;
        var batch = new float[(long)count * 3 * plane];
        var mean = backbone.Mean.ToArray();
        var std = backbone.Std.ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.DecodeThreads > 0 ? settings.DecodeThreads : -1 };
        Parallel.For(0, count, parallel, i =>
        {
            var image = ImageResizer.ResizeAndCenterCrop(images.Read(start + i), s);
            var offset = (long)i * 3 * plane;
            for (var p = 0; p < plane; p++)
                for (var c = 0; c < 3; c++)
                    batch[offset + c * plane + p] = (image.Pixels[3 * p + c] / 255f - mean[c]) / std[c];
        });
        return batch;
    }
}
