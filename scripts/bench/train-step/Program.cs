using System.Diagnostics;
using HOptimus.Core;
using HOptimus.Model;
using HOptimus.Tiles;
using HOptimus.Training;
using HOptimus.Training.Data;
using HOptimus.Training.Metrics;
using Serilog.Core;
using static TorchSharp.torch;

// Usage: scripts/bench/train [steps=3] [batch=32] [checkpointing=true]. Figures are ratios against peers of the same run;
// steps = 0 measures the GEMM and the loader only.
// Activation checkpointing is on by default: vit-small at batch 32 with 10 crops keeps > 23 GB of fp32
// activations without it (the OOM killer ends it on a 24 GB machine). Model FLOP/s count useful work
// only, so the recomputed forward lowers the ratio (by up to 1/4), as MFU does.
var steps = args.Length > 0 ? int.Parse(args[0]) : 3;
var batch = args.Length > 1 ? int.Parse(args[1]) : 32;
var checkpointing = args.Length > 2 ? bool.Parse(args[2]) : true;
var run = Path.Combine(Path.GetTempPath(), $"hopt-bench-train-{Guid.NewGuid():N}"[..30]);
var tiles = Path.Combine(run, "tiles");
Directory.CreateDirectory(tiles);
WriteShard(Path.Combine(tiles, "shard-00000-000.h5"), 96);
var options = TrainConfig.Load("vit-small-cpu", [], [$"TotalSteps={steps + 1}", $"Data:GlobalBatchSize={batch}", "LogEverySteps=1",
                                                     "Checkpoint:EverySteps=100000", "TensorBoard=false", "Optim:WarmupSteps=1",
                                                     "Optim:FreezeLastLayerSteps=0", $"Model:ActivationCheckpointing={checkpointing}"], null).Train;
var config = ViTConfig.Preset(options.Model.Preset);
Console.WriteLine($"train bench: {config.Name}, batch {batch}, crops {options.Crops.GlobalCount}x{options.Crops.GlobalSize} + " +
                  $"{options.Crops.LocalCount}x{options.Crops.LocalSize}, {Environment.ProcessorCount} cores, {get_num_threads()} torch threads, activation checkpointing {checkpointing}");

// 1. Peer of the step: libtorch's own fp32 GEMM on the same cores.
double gemm;
{
    using var scope = NewDisposeScope();
    const int n = 2048;
    var a = randn(n, n);
    var b = randn(n, n);
    a.mm(b);
    var watch = Stopwatch.StartNew();
    var reps = 0;
    do { a.mm(b); reps++; } while (watch.Elapsed.TotalSeconds < 3);
    gemm = 2.0 * n * n * n * reps / watch.Elapsed.TotalSeconds;
}
Console.WriteLine($"GEMM 2048^3 fp32                     {gemm / 1e9,8:F1} GFLOP/s");

// 2. The loader alone: images/s with the full augmentation, on 1 worker (= per core) and on all cores.
var shards = ShardSet.Open(tiles);
double LoaderRate(int workers)
{
    var order = new SampleOrder(shards.TileCount, 0, batch, 0, 1);
    using var loader = new BatchLoader(shards, order, TrainingSetup.Augmenter(options), TrainingSetup.Masks(options, config), 0, workers, 2);
    for (var i = 0; i < 2; i++) loader.Next().Dispose();
    var watch = Stopwatch.StartNew();
    var images = 0;
    for (var i = 0; i < 12; i++, images += batch) loader.Next().Dispose();
    return images / watch.Elapsed.TotalSeconds;
}
// A discarded first run: it absorbs the JIT's tiering and libtorch's OpenMP threads still spinning after the GEMM.
LoaderRate(Environment.ProcessorCount);
var perCore = LoaderRate(1);
var allCores = LoaderRate(Environment.ProcessorCount);
Console.WriteLine($"loader, full DINOv2 augmentation     {perCore,8:F1} images/s per core ({allCores:F1} on {Environment.ProcessorCount} workers)");
if (steps == 0)
{
    Directory.Delete(run, recursive: true);
    return;
}

// 3. The real trainer: step time, data wait, and the step's model FLOPs (backbones only; heads excluded):
// student forward + backward (3 forwards) on every crop, teacher forward on the global crops.
var perImage = 3 * (options.Crops.GlobalCount * config.ForwardFlopsPerImage(options.Crops.GlobalSize)
                    + options.Crops.LocalCount * config.ForwardFlopsPerImage(options.Crops.LocalSize))
               + options.Crops.GlobalCount * config.ForwardFlopsPerImage(options.Crops.GlobalSize);
new Trainer(options, new TrainerContext(new RunDirectory(run).Create(), Logger.None)).Run();
var measured = MetricsLog.Read(Path.Combine(run, "metrics.jsonl")).Skip(1).ToList(); // step 1 warms up
var stepSeconds = measured.Average(m => m.StepSeconds);
var waitSeconds = measured.Average(m => m.DataWaitSeconds);
var modelRate = perImage * batch / stepSeconds;
Console.WriteLine($"training step ({perImage * batch / 1e12:F2} TFLOP/step)  {modelRate / 1e9,8:F1} GFLOP/s = {modelRate / gemm:F2} x GEMM " +
                  $"({stepSeconds:F2} s/step over {measured.Count} steps)");
Console.WriteLine($"data wait / step time                {waitSeconds / stepSeconds,8:P1} ({waitSeconds:F3} s of {stepSeconds:F2} s)");
Directory.Delete(run, recursive: true);

static void WriteShard(string path, int count)
{
    var rng = new Random(0);
    var slide = new ShardSlide("bench", "generated", "", "", 0.5, 0, 1);
    TileShardWriter.Write(path, new ShardHeader(TileCodecKind.Jpeg), [slide], Enumerable.Range(0, count).Select(i =>
    {
        var rgb = new byte[224 * 224 * 3];
        for (var p = 0; p < rgb.Length; p += 3)
        {
            var blob = Math.Sin(p * 0.0007 + i) * Math.Cos(p * 0.013) > 0.3;
            (rgb[p], rgb[p + 1], rgb[p + 2]) = blob ? ((byte)90, (byte)50, (byte)140) : ((byte)(215 + rng.Next(20)), (byte)(170 + rng.Next(20)), (byte)(200 + rng.Next(20)));
        }
        return new ShardTile(0, i, 0, rgb);
    }));
}
