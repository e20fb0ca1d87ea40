using HOptimus.Evaluation.Images;
using HOptimus.Tiles;

namespace HOptimus.Evaluation.Tests.Support;

/// <summary>
/// A small labelled eval shard cut from the real NCT-CRC-HE patches: <c>crops</c> tiles of <c>size</c> px per
/// class, taken on a grid inside each 224 px patch. Tile k of every class belongs to patient k % patients, so
/// every patient holds every class and grouped splits are possible.
/// </summary>
public static class RealPatchShard
{
    public static string Write(string path, int size = 56, int crops = 8, int patients = 4)
    {
        var files = Directory.GetFiles(SharedData.NctPatches, "*.tif").Order().ToArray();
        var classes = files.Select(f => Path.GetFileName(f).Split('-')[0]).ToArray();
        var slides = Enumerable.Range(0, patients)
            .Select(p => new ShardSlide($"slide-{p}", $"/nct/slide-{p}", "colon", $"patient-{p}", 0.5, 0, 1)).ToList();
        var tiles = new List<ShardTile>();
        for (var c = 0; c < files.Length; c++)
        {
            var image = ImageDecoder.Decode(files[c]);
            var perRow = image.Width / size;
            for (var k = 0; k < crops; k++)
            {
                var (x0, y0) = (k % perRow * size, k / perRow * size);
                var rgb = new byte[size * size * 3];
                for (var y = 0; y < size; y++)
                    Array.Copy(image.Pixels, ((y0 + y) * image.Width + x0) * 3, rgb, y * size * 3, size * 3);
                tiles.Add(new ShardTile(k % patients, x0, y0, rgb, c));
            }
        }
        TileShardWriter.Write(path, new ShardHeader(TileCodecKind.Raw, PatchSize: size, LabelNames: classes), slides, tiles);
        return path;
    }
}
