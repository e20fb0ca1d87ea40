namespace HOptimus.Tiles.Tests;

public class TileShardRoundTripTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = ShardFixture.TempDir();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Raw_shard_round_trips_byte_exact([Values] bool writeLibHdf5, [Values] bool libHdf5)
    {
        var path = Path.Combine(_dir, "shard-00000-000.h5");
        var tiles = ShardFixture.Tiles(5);
        var info = TileShardWriter.Write(path, new ShardHeader(TileCodecKind.Raw, TargetMpp: 0.5), ShardFixture.Slides, tiles, writeLibHdf5);
        Assert.That(info.Tiles, Is.EqualTo(5));
        Assert.That(info.Bytes, Is.EqualTo(new FileInfo(path).Length));
        Assert.That(info.Sha256, Is.EqualTo(Core.Checksums.Sha256File(path)));

        using var reader = TileShardReader.Open(path, useLibHdf5: libHdf5);
        Assert.That(reader.UsesLibHdf5, Is.EqualTo(libHdf5));
        Assert.That(reader.Count, Is.EqualTo(5));
        Assert.That(reader.Codec, Is.EqualTo(TileCodecKind.Raw));
        Assert.That(reader.PatchSize, Is.EqualTo(224));
        Assert.That(reader.Header.TargetMpp, Is.EqualTo(0.5));
        Assert.That(reader.Slides, Is.EqualTo(ShardFixture.Slides));
        Assert.That(reader.LabelNames, Is.Null);
        for (var i = 0; i < tiles.Count; i++)
        {
            Assert.That(reader.ReadRgb(i), Is.EqualTo(tiles[i].Rgb), $"tile {i}");
            Assert.That(reader.Coords(i), Is.EqualTo((tiles[i].X, tiles[i].Y)));
            Assert.That(reader.SlideIndex(i), Is.EqualTo(tiles[i].Slide));
            Assert.That(reader.Label(i), Is.Null);
        }
    }

    [Test]
    public void Jpeg_shard_round_trips_its_encoded_bytes_and_decodes_like_the_codec([Values] bool writeLibHdf5, [Values] bool libHdf5)
    {
        var path = Path.Combine(_dir, "shard-00000-001.h5");
        var patches = TestImages.RealPatches();
        var tiles = patches.Select((p, i) => new ShardTile(0, i, 2 * i, p.Rgb)).ToList();
        var header = new ShardHeader(TileCodecKind.Jpeg, JpegQuality: 90);
        TileShardWriter.Write(path, header, ShardFixture.Slides[..1], tiles, writeLibHdf5);

        using var codec = new TileCodec(TileCodecKind.Jpeg, 224, 90);
        using var reader = TileShardReader.Open(path, useLibHdf5: libHdf5);
        Assert.That(reader.Count, Is.EqualTo(patches.Count));
        for (var i = 0; i < tiles.Count; i++)
        {
            Assert.That(reader.ReadEncoded(i), Is.EqualTo(codec.Encode(tiles[i].Rgb)), $"tile {i}: stored JPEG");
            Assert.That(reader.ReadRgb(i), Is.EqualTo(codec.Decode(codec.Encode(tiles[i].Rgb))), $"tile {i}: decoded");
            Assert.That(TileCodec.Psnr(tiles[i].Rgb, reader.ReadRgb(i)), Is.GreaterThanOrEqualTo(35), $"tile {i}");
        }
    }

    [Test]
    public void Default_read_path_is_libhdf5_for_raw_and_PureHDF_for_jpeg()
    {
        var raw = Path.Combine(_dir, "r.h5");
        var jpeg = Path.Combine(_dir, "j.h5");
        TileShardWriter.Write(raw, new ShardHeader(TileCodecKind.Raw), ShardFixture.Slides, ShardFixture.Tiles(1));
        TileShardWriter.Write(jpeg, new ShardHeader(TileCodecKind.Jpeg), ShardFixture.Slides, ShardFixture.Tiles(1));
        using var r = TileShardReader.Open(raw);
        using var j = TileShardReader.Open(jpeg);
        Assert.That((r.UsesLibHdf5, j.UsesLibHdf5), Is.EqualTo((true, false)));
    }

    [Test]
    public void Labels_and_label_names_round_trip([Values] bool writeLibHdf5)
    {
        var path = Path.Combine(_dir, "labelled.h5");
        var tiles = ShardFixture.Tiles(6, labelled: true);
        TileShardWriter.Write(path, new ShardHeader(TileCodecKind.Jpeg, LabelNames: ["ADI", "LYM", "TUM"]), ShardFixture.Slides, tiles, writeLibHdf5);
        using var reader = TileShardReader.Open(path);
        Assert.That(reader.LabelNames, Is.EqualTo(new[] { "ADI", "LYM", "TUM" }));
        Assert.That(Enumerable.Range(0, 6).Select(reader.Label), Is.EqualTo(tiles.Select(t => t.Label)));
    }

    [Test]
    public void Rewind_drops_a_failed_slide_and_its_tiles([Values] bool writeLibHdf5)
    {
        var path = Path.Combine(_dir, "rewound.h5");
        using var writer = new TileShardWriter(path, new ShardHeader(TileCodecKind.Raw), useLibHdf5: writeLibHdf5);
        Assert.That(writer.UsesLibHdf5, Is.EqualTo(writeLibHdf5));
        var a = writer.AddSlide(ShardFixture.Slides[0]);
        writer.AddRgb(a, 1, 2, TestImages.Pattern(1));
        var mark = writer.Mark;
        var b = writer.AddSlide(ShardFixture.Slides[1]);
        writer.AddRgb(b, 3, 4, TestImages.Pattern(2));
        writer.AddRgb(b, 5, 6, TestImages.Pattern(3));
        writer.Rewind(mark);
        writer.AddRgb(a, 7, 8, TestImages.Pattern(4));
        writer.Commit();

        using var reader = TileShardReader.Open(path);
        Assert.That(reader.Count, Is.EqualTo(2));
        Assert.That(reader.Slides, Has.Count.EqualTo(1));
        Assert.That(reader.ReadRgb(1), Is.EqualTo(TestImages.Pattern(4)));
        Assert.That(reader.Coords(1), Is.EqualTo((7L, 8L)));
    }

    [Test]
    public void Reader_is_safe_from_several_threads()
    {
        var path = Path.Combine(_dir, "parallel.h5");
        var tiles = ShardFixture.Tiles(24);
        TileShardWriter.Write(path, new ShardHeader(TileCodecKind.Jpeg), ShardFixture.Slides, tiles);
        using var reader = TileShardReader.Open(path);
        var sequential = Enumerable.Range(0, reader.Count).Select(reader.ReadRgb).ToArray();
        var parallel = new byte[reader.Count][];
        Parallel.For(0, reader.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = reader.ReadRgb(i));
        Assert.That(parallel, Is.EqualTo(sequential));
    }

    [Test]
    public void Commit_leaves_no_temp_or_spool_files([Values] bool writeLibHdf5)
    {
        var path = Path.Combine(_dir, "clean.h5");
        TileShardWriter.Write(path, new ShardHeader(TileCodecKind.Raw), ShardFixture.Slides, ShardFixture.Tiles(3), writeLibHdf5);
        Assert.That(Directory.GetFiles(_dir).Select(Path.GetFileName), Is.EqualTo(new[] { "clean.h5" }));
    }

    [Test]
    public void An_abandoned_shard_leaves_no_file([Values] bool writeLibHdf5)
    {
        using (var writer = new TileShardWriter(Path.Combine(_dir, "abandoned.h5"), new ShardHeader(TileCodecKind.Jpeg), useLibHdf5: writeLibHdf5))
        {
            var s = writer.AddSlide(ShardFixture.Slides[0]);
            writer.AddRgb(s, 0, 0, TestImages.Pattern(1));
        }
        Assert.That(Directory.GetFiles(_dir), Is.Empty);
    }

    // On the libhdf5 path JPEG tiles go to the file in batches of 64, so a rollback can cut into tiles
    // already written or only into the batch still in memory; both must leave exactly the surviving tiles.
    [Test]
    public void Rollbacks_across_and_within_written_batches_keep_exactly_the_surviving_tiles(
        [Values] bool writeLibHdf5, [Values(TileCodecKind.Jpeg, TileCodecKind.Raw)] TileCodecKind codec)
    {
        var path = Path.Combine(_dir, "shard.h5");
        var header = new ShardHeader(codec);
        using (var writer = new TileShardWriter(path, header, useLibHdf5: writeLibHdf5))
        {
            var kept = writer.AddSlide(ShardFixture.Slides[0]);
            Add(writer, kept, 0, 100);
            var beforeFailure = writer.Mark;
            Add(writer, writer.AddSlide(ShardFixture.Slides[1]), 100, 50); // past the batch boundary at 128
            writer.Rewind(beforeFailure);
            Add(writer, kept, 200, 10);
            var beforeSecondFailure = writer.Mark;
            Add(writer, writer.AddSlide(ShardFixture.Slides[1]), 300, 5);  // inside the unwritten batch
            writer.Rewind(beforeSecondFailure);
            Add(writer, kept, 210, 3);
            Assert.That(writer.Count, Is.EqualTo(113));
            writer.Commit();
        }

        var expected = Enumerable.Range(0, 100).Concat(Enumerable.Range(200, 13)).ToList();
        using var codecOfTest = new TileCodec(codec, header.PatchSize);
        using var reader = TileShardReader.Open(path);
        Assert.That(reader.Count, Is.EqualTo(expected.Count));
        Assert.That(reader.Slides, Has.Count.EqualTo(1));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.That(reader.Coords(i).X, Is.EqualTo(expected[i]), $"tile {i}");
            Assert.That(reader.ReadEncoded(i), Is.EqualTo(codecOfTest.Encode(TestImages.Pattern(expected[i]))), $"tile {i} bytes");
        }
    }

    private static void Add(TileShardWriter writer, int slide, int first, int count)
    {
        for (var id = first; id < first + count; id++) writer.AddRgb(slide, id, 0, TestImages.Pattern(id));
    }
}
