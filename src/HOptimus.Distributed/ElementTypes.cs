namespace HOptimus.Distributed;

/// <summary>Sizes and CLR mappings of <see cref="ElementType"/>.</summary>
public static class ElementTypes
{
    /// <summary>Bytes per element.</summary>
    public static int SizeOf(this ElementType type) => type switch
    {
        ElementType.Float32 or ElementType.Int32 => 4,
        ElementType.Float64 or ElementType.Int64 => 8,
        ElementType.BFloat16 => 2,
        ElementType.Byte => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The element type of a CLR value type; bf16 has no CLR type and travels as a raw pointer.</summary>
    public static ElementType Of<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? ElementType.Float32
        : typeof(T) == typeof(double) ? ElementType.Float64
        : typeof(T) == typeof(int) ? ElementType.Int32
        : typeof(T) == typeof(long) ? ElementType.Int64
        : typeof(T) == typeof(byte) ? ElementType.Byte
        : throw new ArgumentException($"{typeof(T).Name} is not a collective element type (float, double, int, long, byte)");
}
