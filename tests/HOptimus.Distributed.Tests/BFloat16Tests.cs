namespace HOptimus.Distributed.Tests;

[TestFixture]
public class BFloat16Tests
{
    [TestCase(1f, (ushort)0x3F80)]
    [TestCase(-2f, (ushort)0xC000)]
    [TestCase(0f, (ushort)0x0000)]
    // 1 + 2^-8 is halfway between bf16 1 and 1 + 2^-7: ties to even gives 1.
    [TestCase(1.00390625f, (ushort)0x3F80)]
    // 1 + 3 * 2^-8 is halfway between 1 + 2^-7 (odd) and 1 + 2^-6: ties to even rounds up.
    [TestCase(1.01171875f, (ushort)0x3F82)]
    public void Rounds_to_nearest_even(float value, ushort expected) =>
        Assert.That(BFloat16.FromSingle(value), Is.EqualTo(expected));

    [Test]
    public void NaN_stays_NaN_and_infinity_stays_infinite()
    {
        Assert.That(float.IsNaN(BFloat16.ToSingle(BFloat16.FromSingle(float.NaN))), Is.True);
        Assert.That(BFloat16.ToSingle(BFloat16.FromSingle(float.PositiveInfinity)), Is.EqualTo(float.PositiveInfinity));
    }

    [Test]
    public unsafe void AddInto_sums_in_fp32_and_rounds_once()
    {
        ushort[] a = [BFloat16.FromSingle(1f), BFloat16.FromSingle(256f)];
        ushort[] b = [BFloat16.FromSingle(2.5f), BFloat16.FromSingle(1f)];
        fixed (ushort* pa = a) fixed (ushort* pb = b) BFloat16.AddInto(pa, pb, 2);
        // 256 + 1 = 257 is not representable in bf16 (8 bits of mantissa): ties to even gives 256.
        Assert.That(b.Select(BFloat16.ToSingle), Is.EqualTo(new[] { 3.5f, 256f }));
    }
}
