namespace HOptimus.Training.Data;

/// <summary>
/// A tiny counter-seeded random stream (SplitMix64). Every random choice of the data pipeline is drawn
/// from a stream keyed by (seed, what, sample position), so nothing about the loader has state to save:
/// the cursor alone reproduces every crop and mask after a resume, on any number of workers or ranks.
/// </summary>
public struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A stream for one (seed, purpose, index) key; distinct keys give independent-looking streams.</summary>
    public static SplitMix64 For(long seed, ulong purpose, long index) =>
        new(Mix(Mix((ulong)seed ^ 0x9E3779B97F4A7C15UL) ^ purpose) ^ (ulong)index);

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)(NextDouble() * n);

    public bool Bernoulli(double p) => NextDouble() < p;

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
