using HOptimus.Core;
using PureHDF;
using PureHDF.VOL.Native;

namespace HOptimus.Tiles;

/// <summary>Everything of a shard but the tiles, read and checked at open so later reads cannot disagree.</summary>
internal sealed record ShardMetadata(ShardHeader Header, IReadOnlyList<ShardSlide> Slides, long[,] Coords,
                                     int[] SlideOfTile, int[]? Labels)
{
    public static ShardMetadata Read(string path, NativeFile file)
    {
        try
        {
            return ReadChecked(path, file);
        }
        catch (HoptException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw HoptException.BadInput($"{path}: not a valid tile shard: {e.Message}", e);
        }
    }

    private static ShardMetadata ReadChecked(string path, NativeFile file)
    {
        var version = file.Attribute(ShardLayout.FormatVersionAttr).Read<int>();
        if (version > ShardHeader.FormatVersion)
            throw HoptException.BadInput($"{path}: format_version {version} is newer than this reader ({ShardHeader.FormatVersion})");
        var codec = TileCodecKindNames.Parse(file.Attribute(ShardLayout.CodecAttr).Read<string>(), $"{path}: attribute codec");
        var hasLabels = file.LinkExists(ShardLayout.Labels);
        var labelNames = hasLabels
            ? file.Dataset(ShardLayout.Labels).Attribute(ShardLayout.LabelNamesAttr).Read<string[]>()
            : null;
        var header = new ShardHeader(codec,
            file.Attribute(ShardLayout.PatchSizeAttr).Read<int>(),
            file.Attribute(ShardLayout.TargetMppAttr).Read<double>(),
            file.Attribute(ShardLayout.JpegQualityAttr).Read<int>(),
            labelNames);

        var coords = file.Dataset(ShardLayout.Coords).Read<long[,]>();
        var slideOfTile = file.Dataset(ShardLayout.Slide).Read<int[]>();
        var labels = hasLabels ? file.Dataset(ShardLayout.Labels).Read<int[]>() : null;
        var slides = ReadSlides(file.Group(ShardLayout.Slides));
        var n = slideOfTile.Length;

        var tiles = file.Dataset(ShardLayout.Tiles).Space.Dimensions;
        var expected = codec == TileCodecKind.Raw
            ? new ulong[] { (ulong)n, (ulong)header.PatchSize, (ulong)header.PatchSize, 3 }
            : [(ulong)n];
        if (!tiles.SequenceEqual(expected))
            throw Mismatch(path, "tiles", $"[{string.Join(",", expected)}]", $"[{string.Join(",", tiles)}]");
        if (coords.GetLength(0) != n || coords.GetLength(1) != 2)
            throw Mismatch(path, "coords", $"[{n},2]", $"[{coords.GetLength(0)},{coords.GetLength(1)}]");
        if (labels is not null && labels.Length != n) throw Mismatch(path, "labels", $"[{n}]", $"[{labels.Length}]");
        if (slideOfTile.Any(s => (uint)s >= (uint)slides.Count))
            throw HoptException.BadInput($"{path}: /slide points outside the slide table ({slides.Count} rows)");
        return new ShardMetadata(header, slides, coords, slideOfTile, labels);
    }

    private static List<ShardSlide> ReadSlides(IH5Group table)
    {
        var ids = table.Dataset(ShardLayout.SlideId).Read<string[]>();
        var paths = table.Dataset(ShardLayout.Path).Read<string[]>();
        var organs = table.Dataset(ShardLayout.Organ).Read<string[]>();
        var patients = table.Dataset(ShardLayout.Patient).Read<string[]>();
        var mpps = table.Dataset(ShardLayout.Mpp).Read<double[]>();
        var levels = table.Dataset(ShardLayout.Level).Read<int[]>();
        var downsamples = table.Dataset(ShardLayout.Downsample).Read<double[]>();
        return ids.Select((id, i) => new ShardSlide(id, paths[i], organs[i], patients[i], mpps[i], levels[i], downsamples[i])).ToList();
    }

    private static HoptException Mismatch(string path, string dataset, string expected, string actual) =>
        HoptException.BadInput($"{path}: /{dataset} has shape {actual}, expected {expected}");
}
