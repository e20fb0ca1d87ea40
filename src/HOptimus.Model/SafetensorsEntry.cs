namespace HOptimus.Model;

/// <summary>One tensor of a safetensors header: dtype code ("F32", "BF16", …), shape, byte range in the data section.</summary>
public sealed record SafetensorsEntry(string Name, string DType, long[] Shape, long Begin, long End);
