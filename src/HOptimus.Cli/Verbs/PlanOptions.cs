using CommandLine;
using HOptimus.Core;
using HOptimus.Slurm.Planning;

namespace HOptimus.Cli.Verbs;

[Verb("plan", HelpText = "The seed's scale on paper: storage per codec, pack CPU-hours, training GPU-hours and days, checkpoint size and write time, USR2 margin; compared with the seed (2e9 tiles, 1e6 slides, 240 TB, ~100 H100).")]
public sealed class PlanOptions : CommonOptions
{
    private static readonly PlanInputs D = new();

    [Option("slides", HelpText = "Slides (default 1e6).")] public double Slides { get; set; } = D.Slides;
    [Option("tiles", HelpText = "Tiles (default 2e9).")] public double Tiles { get; set; } = D.Tiles;
    [Option("parameters", HelpText = "Backbone parameters (default 1.13e9, vit-giant-reg4).")] public double Parameters { get; set; } = D.Parameters;
    [Option("gpus", HelpText = "Training GPUs (default 96).")] public int Gpus { get; set; } = D.Gpus;
    [Option("samples", HelpText = "Images seen in training (default: the tile count).")] public double? Samples { get; set; }
    [Option("global-batch", HelpText = "Global batch, images (default 3072).")] public int GlobalBatch { get; set; } = D.GlobalBatch;
    [Option("images-per-gpu-second", HelpText = "Training throughput per GPU (default 45).")] public double ImagesPerGpuSecond { get; set; } = D.ImagesPerGpuSecond;
    [Option("jpeg-bytes-per-tile", HelpText = "JPEG tile size, bytes (default 15400).")] public double JpegBytesPerTile { get; set; } = D.JpegBytesPerTile;
    [Option("pack-tiles-per-cpu-second", HelpText = "Pack throughput (default 250).")] public double PackTilesPerCpuSecond { get; set; } = D.PackTilesPerCpuSecond;
    [Option("write-gb-per-second", HelpText = "Checkpoint write bandwidth, GB/s (default 2).")] public double WriteGBPerSecond { get; set; } = D.WriteGBPerSecond;
    [Option("wall-hours", HelpText = "Wall-time limit of one training job, hours (default 20).")] public double WallHours { get; set; } = D.WallHours;

    public PlanInputs ToInputs() => new PlanInputs
    {
        Slides = Slides, Tiles = Tiles, Parameters = Parameters, Gpus = Gpus, SamplesSeen = Samples, GlobalBatch = GlobalBatch,
        ImagesPerGpuSecond = ImagesPerGpuSecond, JpegBytesPerTile = JpegBytesPerTile, PackTilesPerCpuSecond = PackTilesPerCpuSecond,
        WriteGBPerSecond = WriteGBPerSecond, WallHours = WallHours,
    }.Validated();
}
