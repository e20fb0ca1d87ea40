namespace HOptimus.Tiles;

/// <summary>How a tile is stored in a shard; written as the root attribute "codec" ("raw" or "jpeg").</summary>
public enum TileCodecKind
{
    /// <summary>Lossless uint8 H×W×3, one chunk per tile.</summary>
    Raw,
    /// <summary>Baseline JPEG (4:4:4 chroma, so 40 dB PSNR is reachable at quality 90), vlen uint8.</summary>
    Jpeg,
}

public static class TileCodecKindNames
{
    public static string ToAttribute(this TileCodecKind kind) => kind == TileCodecKind.Raw ? "raw" : "jpeg";

    public static TileCodecKind Parse(string value, string where) => value.Trim().ToLowerInvariant() switch
    {
        "raw" => TileCodecKind.Raw,
        "jpeg" or "jpg" => TileCodecKind.Jpeg,
        _ => throw Core.HoptException.BadInput($"{where}: unknown codec '{value}', expected 'raw' or 'jpeg'"),
    };
}
