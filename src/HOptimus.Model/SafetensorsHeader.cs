namespace HOptimus.Model;

/// <summary>A parsed safetensors header: its entries in file order, the metadata, where the data section starts.</summary>
public sealed record SafetensorsHeader(
    IReadOnlyList<SafetensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata, long DataStart);
