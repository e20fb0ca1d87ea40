namespace HOptimus.Distributed;

/// <summary>
/// bfloat16 as raw bits (the top half of an IEEE float). The host-side bf16 sum (MPI custom op,
/// in-process ranks) adds pairs in fp32 and rounds to nearest-even once per addition, as NCCL's
/// ring does per hop; with 2 ranks that is one rounding, identical to an fp32 staging path.
/// </summary>
public static class BFloat16
{
    public static float ToSingle(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);

    public static ushort FromSingle(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value)) return (ushort)((bits >> 16) | 0x40); // keep NaN a (quiet) NaN
        bits += 0x7FFFu + ((bits >> 16) & 1u); // round to nearest, ties to even
        return (ushort)(bits >> 16);
    }

    /// <summary>inout[i] = bf16(in[i] + inout[i]).</summary>
    public static unsafe void AddInto(ushort* input, ushort* inout, long count)
    {
        for (long i = 0; i < count; i++)
            inout[i] = FromSingle(ToSingle(input[i]) + ToSingle(inout[i]));
    }
}
