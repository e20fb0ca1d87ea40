using System.Globalization;
using System.Text;

namespace HOptimus.Slurm.Planning;

/// <summary>The seed's scale on paper: storage, pack CPU-hours, training GPU-hours and days, checkpoint size and the USR2 margin.</summary>
public sealed record CapacityPlan(PlanInputs In)
{
    private const double RawTileBytes = 224 * 224 * 3;
    /// <summary>The seed's published figures, for comparison.</summary>
    public const double SeedTiles = 2e9, SeedSlides = 1e6, SeedTerabytes = 240, SeedGpus = 100;

    public double RawTerabytes => In.Tiles * RawTileBytes / 1e12;
    public double JpegTerabytes => In.Tiles * In.JpegBytesPerTile / 1e12;
    public double PackCpuHours => In.Tiles / In.PackTilesPerCpuSecond / 3600;
    public double Samples => In.SamplesSeen ?? In.Tiles;
    public double TrainGpuHours => Samples / In.ImagesPerGpuSecond / 3600;
    public double TrainDays => TrainGpuHours / In.Gpus / 24;
    public double Steps => Samples / In.GlobalBatch;
    public double StepSeconds => In.GlobalBatch / (In.Gpus * In.ImagesPerGpuSecond);
    public double CheckpointGB => In.Parameters * In.CheckpointBytesPerParameter / 1e9;
    public double CheckpointSeconds => CheckpointGB / In.WriteGBPerSecond;
    /// <summary>USR2 lead: finish the step in flight, agree on it, write the checkpoint, with 2x safety and 60 s for requeue.</summary>
    public double Usr2MarginSeconds => Math.Ceiling(2 * (StepSeconds + CheckpointSeconds) + 60);
    public double JobsPerRun => Math.Ceiling(TrainDays * 24 / In.WallHours);

    public string Markdown()
    {
        var sb = new StringBuilder("# Capacity plan\n\n| quantity | plan | seed |\n|---|---:|---:|\n");
        void Row(string what, string plan, string seed = "") => sb.AppendLine($"| {what} | {plan} | {seed} |");
        Row("slides", N(In.Slides), N(SeedSlides));
        Row("tiles (224 px, 0.5 um/px)", N(In.Tiles), N(SeedTiles));
        Row("storage, raw uint8 (TB)", F(RawTerabytes), F(SeedTerabytes));
        Row("storage, JPEG (TB)", F(JpegTerabytes));
        Row("pack CPU-hours", N(PackCpuHours));
        Row("training GPUs", N(In.Gpus), $"~{N(SeedGpus)}");
        Row("training samples seen", N(Samples));
        Row("training steps (global batch " + In.GlobalBatch + ")", N(Steps));
        Row("step time (s)", F(StepSeconds));
        Row("training GPU-hours", N(TrainGpuHours));
        Row("training wall-clock days", F(TrainDays), "several");
        Row($"training jobs of {F(In.WallHours)} h", N(JobsPerRun));
        Row("checkpoint size (GB)", F(CheckpointGB));
        Row("checkpoint write time (s)", F(CheckpointSeconds));
        Row("USR2 margin (--signal=USR2@s)", N(Usr2MarginSeconds));
        return sb.ToString();
    }

    private static string N(double v) => v.ToString(v >= 1e7 ? "0.00e+0" : "#,0", CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
}
