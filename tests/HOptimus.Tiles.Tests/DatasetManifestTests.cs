namespace HOptimus.Tiles.Tests;

public class DatasetManifestTests
{
    [Test]
    public void Build_sorts_and_totals_and_round_trips_through_json()
    {
        var dir = ShardFixture.TempDir();
        var a = TileShardWriter.Write(Path.Combine(dir, "shard-00001-000.h5"), new ShardHeader(TileCodecKind.Jpeg), ShardFixture.Slides, ShardFixture.Tiles(3));
        var b = TileShardWriter.Write(Path.Combine(dir, "shard-00000-000.h5"), new ShardHeader(TileCodecKind.Jpeg), ShardFixture.Slides, ShardFixture.Tiles(2));
        var slides = new[]
        {
            new ManifestSlide("s2", "/x/2.svs", "lung", "p1", 0.25, "list", 3, a.File, 1),
            new ManifestSlide("s1", "/x/1.svs", "colon", "p1", 0.5, "openslide.mpp-x", 1, b.File, 0),
            new ManifestSlide("s0", "/x/0.svs", "colon", "p2", 0.5, "openslide.mpp-x", 1, b.File, 0),
        };
        var failures = new[] { new ManifestFailure("bad", "/x/bad.svs", "file is empty (0 bytes)", 1) };
        var manifest = DatasetManifest.Build(new ShardHeader(TileCodecKind.Jpeg), [a, b], slides, failures);

        Assert.That(manifest.Shards.Select(s => s.File), Is.EqualTo(new[] { b.File, a.File }));
        Assert.That(manifest.Slides.Select(s => s.SlideId), Is.EqualTo(new[] { "s0", "s1", "s2" }));
        Assert.That(manifest.Totals, Is.EqualTo(new ManifestTotals(5, a.Bytes + b.Bytes, 2, 3, 1, 2, 2)));
        Assert.That(manifest.Organs["colon"], Is.EqualTo(new OrganTotals(2, 2, 2)));
        Assert.That(manifest.Organs["lung"], Is.EqualTo(new OrganTotals(1, 3, 1)));

        var path = Path.Combine(dir, DatasetManifest.FileName);
        manifest.Write(path);
        var back = DatasetManifest.Read(path);
        Assert.That(back.Totals, Is.EqualTo(manifest.Totals));
        Assert.That(back.Shards, Is.EqualTo(manifest.Shards));
        Assert.That(back.Failures, Is.EqualTo(manifest.Failures));
        Assert.That(back.Verify(dir), Is.Empty);

        File.AppendAllText(Path.Combine(dir, a.File), "tampered");
        Assert.That(back.Verify(dir), Has.Count.EqualTo(1).And.Some.Contains(a.File));
        Directory.Delete(dir, recursive: true);
    }
}
