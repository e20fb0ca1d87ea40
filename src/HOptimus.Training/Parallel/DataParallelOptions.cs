using HOptimus.Core;

namespace HOptimus.Training.Parallel;

/// <summary>Gradient synchronisation settings. Config section "Parallel".</summary>
public sealed record DataParallelOptions : IValidatable
{
    /// <summary>
    /// Size of one flat fp32 gradient bucket, in MiB. Default 25, PyTorch DDP's: large enough that an
    /// all-reduce runs near bus bandwidth, small enough that staging costs little memory.
    /// </summary>
    public double BucketMegabytes { get; init; } = 25;

    /// <summary>
    /// Buckets reduced per collective launch (one NCCL group). Default 4. Staging memory is
    /// BucketsPerLaunch x BucketMegabytes (100 MiB by default), not a second copy of all gradients
    /// (4.5 GiB for vit-giant-reg4).
    /// </summary>
    public int BucketsPerLaunch { get; init; } = 4;

    public long BucketElements => Math.Max(1, (long)(BucketMegabytes * 1024 * 1024 / sizeof(float)));

    public IEnumerable<string> Validate() =>
        OptionsValidation.Positive("Parallel:BucketMegabytes", BucketMegabytes)
            .Concat(OptionsValidation.Positive("Parallel:BucketsPerLaunch", BucketsPerLaunch));
}
