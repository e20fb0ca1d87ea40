// Shapes: B batch, C channels, H/W pixels.
using System.Diagnostics;
using HOptimus.Model;
using TorchSharp;
using static TorchSharp.torch;

// The backbone's FLOP/s against libtorch's own big-GEMM FLOP/s, measured in the same run on the same device:
// forward-only (fp32, bf16) and a forward+backward step (plain and with activation checkpointing).
// Usage: scripts/bench/model [preset=vit-small] [batch=8] [device=cpu]
var preset = args.Length > 0 ? args[0] : "vit-small";
var batch = args.Length > 1 ? int.Parse(args[1]) : 8;
var device = new Device(args.Length > 2 ? args[2] : "cpu");
var config = ViTConfig.Preset(preset);
manual_seed(0);
Console.WriteLine($"model bench: {preset} ({config.ParameterCount() / 1e6:F1} M params), batch {batch} at {config.ImageSize} px, " +
                  $"{device}, {torch.get_num_threads()} threads");

double Gemm(ScalarType dtype)
{
    const int n = 2048;
    using var scope = NewDisposeScope();
    var a = randn(n, n, device: device).to(dtype);
    var b = randn(n, n, device: device).to(dtype);
    return Rate(() => a.mm(b), 2.0 * n * n * n);
}

double Rate(Action work, double flops)
{
    work(); // warm-up
    var watch = Stopwatch.StartNew();
    int reps = 0;
    do { work(); reps++; } while (watch.Elapsed.TotalSeconds < 2);
    if (device.type == DeviceType.CUDA) cuda.synchronize();
    return flops * reps / watch.Elapsed.TotalSeconds;
}

double Model(BackboneOptions options, bool train)
{
    using var scope = NewDisposeScope();
    var model = new VisionTransformer(config, options).to(device);
    var images_BCHW = randn([batch, 3, config.ImageSize, config.ImageSize], device: device);
    double forward = config.ForwardFlopsPerImage() * batch;
    if (!train)
    {
        model.eval();
        return Rate(() => { using var s = NewDisposeScope(); using var _ = no_grad(); model.forward(images_BCHW); }, forward);
    }
    model.train();
    // Useful work is forward + backward = 3 forwards; recomputation is overhead, so it is not counted.
    return Rate(() => { using var s = NewDisposeScope(); model.forward(images_BCHW).pow(2).mean().backward(); }, 3 * forward);
}

var gemm32 = Gemm(ScalarType.Float32);
var gemm16 = Gemm(ScalarType.BFloat16);
Console.WriteLine($"GEMM 2048^3            fp32 {gemm32 / 1e9,8:F1} GFLOP/s   bf16 {gemm16 / 1e9,8:F1} GFLOP/s");
foreach (var (label, options, train, peer) in new (string, BackboneOptions, bool, double)[]
         {
             ("forward fp32", new BackboneOptions(), false, gemm32),
             ("forward bf16", new BackboneOptions { Precision = Precision.Bf16 }, false, gemm16),
             ("train step fp32", new BackboneOptions(), true, gemm32),
             ("train step fp32 + ckpt", new BackboneOptions { ActivationCheckpointing = true }, true, gemm32),
         })
{
    var rate = Model(options, train);
    Console.WriteLine($"{label,-24} {rate / 1e9,8:F1} GFLOP/s = {rate / peer:F2} x GEMM of its dtype");
}
