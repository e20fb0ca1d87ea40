using System.Security.Cryptography;

namespace HOptimus.Core;

/// <summary>SHA-256 as lowercase hex, the form every manifest of the project stores.</summary>
public static class Checksums
{
    public static string Sha256File(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
