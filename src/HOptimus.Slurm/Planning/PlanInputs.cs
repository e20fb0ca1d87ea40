using HOptimus.Core;

namespace HOptimus.Slurm.Planning;

/// <summary>
/// The inputs of a capacity plan. Defaults are the seed's scale (H-optimus-1: about 1e6 slides,
/// 2e9 tiles, a ViT-g/14) and throughput figures to be replaced by the repository's benchmarks
/// (scripts/bench/*) once measured on the target machine; each says where it comes from.
/// </summary>
public sealed record PlanInputs : IValidatable
{
    /// <summary>Slides to pack; default 1e6 (seed).</summary>
    public double Slides { get; init; } = 1e6;
    /// <summary>Tiles of 224 px at 0.5 um/px; default 2e9 (seed).</summary>
    public double Tiles { get; init; } = 2e9;
    /// <summary>Backbone parameters; default 1.13e9 (vit-giant-reg4, PLATFORM.md).</summary>
    public double Parameters { get; init; } = 1.13e9;
    /// <summary>GPUs for training; default 96 (24 Jean Zay nodes x 4, "about a hundred H100s").</summary>
    public int Gpus { get; init; } = 96;
    /// <summary>Images seen in training; default: the tile count (one pass).</summary>
    public double? SamplesSeen { get; init; }
    /// <summary>Global batch, images; default 3072 (DINOv2 recipe: 96 GPUs x 32).</summary>
    public int GlobalBatch { get; init; } = 3072;
    /// <summary>Training throughput per GPU, images/s; default 45: 7.6e12 FLOP/image (ViT-g, 2x224 + 8x98 crops, fwd+bwd, teacher fwd) at 35 % of 990 TFLOP/s bf16.</summary>
    public double ImagesPerGpuSecond { get; init; } = 45;
    /// <summary>JPEG tile size, bytes; default 15400 (quality 90 on the real TCGA slide, scripts/bench/pack).</summary>
    public double JpegBytesPerTile { get; init; } = 15_400;
    /// <summary>Pack throughput, tiles per CPU-second; default 250: scripts/bench/pack measures ~1,000 (JPEG tiles) on a
    /// JPEG TIFF scanned at the target 0.5 µm/px, and a 40x scan (0.25 µm/px) decodes four source pixels per tile pixel.</summary>
    public double PackTilesPerCpuSecond { get; init; } = 250;
    /// <summary>Checkpoint bytes per parameter; default 16: student fp32 + teacher fp32 + AdamW m and v.</summary>
    public double CheckpointBytesPerParameter { get; init; } = 16;
    /// <summary>Write bandwidth to the checkpoint file system, GB/s; default 2 (one writer on a parallel FS).</summary>
    public double WriteGBPerSecond { get; init; } = 2;
    /// <summary>Wall-time limit of one training job, hours; default 20 (qos_gpu_h100-t3).</summary>
    public double WallHours { get; init; } = 20;

    public IEnumerable<string> Validate() =>
        new (string Key, double Value)[]
        {
            ("slides", Slides), ("tiles", Tiles), ("parameters", Parameters), ("gpus", Gpus), ("global-batch", GlobalBatch),
            ("images-per-gpu-second", ImagesPerGpuSecond), ("jpeg-bytes-per-tile", JpegBytesPerTile),
            ("pack-tiles-per-cpu-second", PackTilesPerCpuSecond), ("checkpoint-bytes-per-parameter", CheckpointBytesPerParameter),
            ("write-gb-per-second", WriteGBPerSecond), ("wall-hours", WallHours), ("samples-seen", SamplesSeen ?? 1),
        }.SelectMany(x => OptionsValidation.Positive(x.Key, x.Value));
}
