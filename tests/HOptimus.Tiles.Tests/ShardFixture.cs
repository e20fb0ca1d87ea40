namespace HOptimus.Tiles.Tests;

/// <summary>Small shards for tests: two slides, pattern tiles, known coordinates.</summary>
internal static class ShardFixture
{
    public static readonly ShardSlide[] Slides =
    [
        new("slide-a", "/data/a.svs", "colon", "patient-1", 0.25, 1, 4.0),
        new("slide-b", "/data/b.tif", "", "patient-2", 0.5, 0, 1.0),
    ];

    public static List<ShardTile> Tiles(int count, bool labelled = false) =>
        Enumerable.Range(0, count)
            .Select(i => new ShardTile(i % 2, 1000L * i + 7, 3_000_000_000L + i, TestImages.Pattern(i), labelled ? i % 3 : null))
            .ToList();

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hopt-tiles-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
