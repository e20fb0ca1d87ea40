using HOptimus.Core;

namespace HOptimus.Training.Options;

/// <summary>Where tiles come from and how they are batched.</summary>
public sealed record DataOptions
{
    /// <summary>Folder of shard-*.h5 files. Default null: the run's tiles/ folder.</summary>
    public string? ShardDirectory { get; init; }
    /// <summary>Images per optimizer step over ALL ranks; each rank takes GlobalBatchSize / world. Default 1024.</summary>
    public int GlobalBatchSize { get; init; } = 1024;
    /// <summary>Decode/augment worker threads per rank; 0 means one per core minus one (at least 1). Default 0.</summary>
    public int Workers { get; init; }
    /// <summary>Batches decoded ahead of the trainer (bounds memory). Default 2.</summary>
    public int PrefetchBatches { get; init; } = 2;

    [System.Text.Json.Serialization.JsonIgnore]
    public int ResolvedWorkers => Workers > 0 ? Workers : Math.Max(1, Environment.ProcessorCount - 1);

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(OptionsValidation.Positive("Train:Data:GlobalBatchSize", GlobalBatchSize));
        errors.AddRange(OptionsValidation.InRange("Train:Data:Workers", Workers, 0, 1024));
        errors.AddRange(OptionsValidation.InRange("Train:Data:PrefetchBatches", PrefetchBatches, 1, 64));
        return errors;
    }
}
