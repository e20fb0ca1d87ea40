namespace HOptimus.Training.Data;

/// <summary>
/// A pseudo-random permutation of [0, n) for one epoch, computed per index (a 4-round Feistel network
/// with cycle walking) rather than stored: a billion tiles need no 8 GB index array, and any position
/// of any epoch is found in O(1) from (seed, epoch), which is what makes the cursor a single number.
/// </summary>
public sealed class EpochPermutation
{
    private readonly long _n;
    private readonly int _halfBits;
    private readonly ulong _halfMask;
    private readonly ulong[] _keys = new ulong[4];

    public EpochPermutation(long n, long seed, long epoch)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "need at least one element");
        _n = n;
        var bits = Math.Max(2, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(n - 1)));
        _halfBits = (bits + 1) / 2;
        _halfMask = (1UL << _halfBits) - 1;
        var rng = SplitMix64.For(seed, 0x5045524D /* "PERM" */, epoch);
        for (var i = 0; i < _keys.Length; i++) _keys[i] = rng.NextUInt64();
    }

    public long Count => _n;

    /// <summary>The element at position <paramref name="index"/> of this epoch's order.</summary>
    public long this[long index]
    {
        get
        {
            if ((ulong)index >= (ulong)_n) throw new ArgumentOutOfRangeException(nameof(index));
            // The network permutes [0, 2^(2*half)); walking the cycle until the value lands below n
            // restricts it to a permutation of [0, n). The domain is < 4n, so few walks are needed.
            var x = (ulong)index;
            do x = Encrypt(x); while (x >= (ulong)_n);
            return (long)x;
        }
    }

    private ulong Encrypt(ulong x)
    {
        var left = x >> _halfBits;
        var right = x & _halfMask;
        foreach (var key in _keys)
        {
            var next = left ^ (SplitMix64.Mix(right ^ key) & _halfMask);
            left = right;
            right = next;
        }
        return (left << _halfBits) | right;
    }
}
