namespace HOptimus.Model;

/// <summary>One file of an export or checkpoint manifest: name relative to its folder, size, sha256 (hex).</summary>
public sealed record ExportFile(string Name, long Bytes, string Sha256);
