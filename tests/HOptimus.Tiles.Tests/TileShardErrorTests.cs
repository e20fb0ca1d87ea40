using HOptimus.Core;

namespace HOptimus.Tiles.Tests;

public class TileShardErrorTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = ShardFixture.TempDir();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Missing_shard_names_the_file()
    {
        var path = Path.Combine(_dir, "nope.h5");
        var e = Assert.Throws<HoptException>(() => TileShardReader.Open(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("not found"));
        Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }

    [TestCase(0.5)]
    [TestCase(0.9)]
    [TestCase(0.05)]
    public void Truncated_shard_names_the_file(double keep)
    {
        var path = Path.Combine(_dir, "cut.h5");
        TileShardWriter.Write(path, new ShardHeader(TileCodecKind.Raw), ShardFixture.Slides, ShardFixture.Tiles(4));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);
        var e = Assert.Throws<HoptException>(() =>
        {
            using var reader = TileShardReader.Open(path);
            for (var i = 0; i < reader.Count; i++) reader.ReadRgb(i);
        });
        Assert.That(e!.Message, Does.Contain(path));
    }

    [Test]
    public void Foreign_file_names_the_file()
    {
        var path = Path.Combine(_dir, "text.h5");
        File.WriteAllText(path, "this is not HDF5");
        var e = Assert.Throws<HoptException>(() => TileShardReader.Open(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("HDF5"));
    }

    [Test]
    public void Unwritable_output_leaves_no_shard_and_says_where([Values] bool writeLibHdf5)
    {
        var blocker = Path.Combine(_dir, "file-not-folder");
        File.WriteAllText(blocker, "x");
        var path = Path.Combine(blocker, "shard.h5");
        var e = Assert.Throws<HoptException>(() =>
            TileShardWriter.Write(path, new ShardHeader(TileCodecKind.Raw), ShardFixture.Slides, ShardFixture.Tiles(2), writeLibHdf5));
        Assert.That(e!.Message, Does.Contain(path));
        Assert.That(File.Exists(path), Is.False);
        Assert.That(Directory.GetFiles(_dir), Is.EqualTo(new[] { blocker }));
    }

    [Test]
    public void Tiles_of_the_wrong_size_or_label_are_refused()
    {
        using var writer = new TileShardWriter(Path.Combine(_dir, "x.h5"), new ShardHeader(TileCodecKind.Raw));
        var s = writer.AddSlide(ShardFixture.Slides[0]);
        Assert.Throws<ArgumentException>(() => writer.AddEncoded(s, 0, 0, new byte[10]));
        Assert.Throws<ArgumentException>(() => writer.AddRgb(s, 0, 0, TestImages.Pattern(0), label: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddRgb(5, 0, 0, TestImages.Pattern(0)));
        Assert.Throws<InvalidOperationException>(() => writer.Commit());
    }
}
