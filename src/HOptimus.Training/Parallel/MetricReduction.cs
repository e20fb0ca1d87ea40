using System.Text;
using HOptimus.Distributed;

namespace HOptimus.Training.Parallel;

/// <summary>Means of scalar metrics over the ranks, for logging from rank 0.</summary>
public static class MetricReduction
{
    /// <summary>
    /// Every rank passes the same metric names (any order); each gets the mean over ranks. Names are
    /// checked across ranks by a stable hash, since summing different metrics would log nonsense.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Mean(ICommunicator comm, IReadOnlyDictionary<string, double> local)
    {
        var host = comm.Host;
        var names = local.Keys.Order(StringComparer.Ordinal).ToArray();
        var values = new double[names.Length + 1];
        for (var i = 0; i < names.Length; i++) values[i] = local[names[i]];
        // Exact in fp64: the hash fits in 2^31 and the sum of up to 2^21 ranks stays below 2^53.
        var hash = NameHash(names);
        values[^1] = hash;
        host.AllReduceSum<double>(values);
        if (values[^1] != (double)hash * host.Size)
            throw new InvalidOperationException($"rank {host.Rank}: ranks reduce different metric sets; this rank has [{string.Join(", ", names)}]");
        return names.Select((n, i) => (n, values[i] / host.Size)).ToDictionary(x => x.n, x => x.Item2);
    }

    private static int NameHash(IEnumerable<string> names)
    {
        // FNV-1a over UTF-8, folded to 31 bits: string.GetHashCode differs per process.
        var h = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(string.Join('\n', names))) h = (h ^ b) * 16777619u;
        return (int)(h & 0x7FFFFFFF);
    }
}
