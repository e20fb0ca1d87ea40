using HOptimus.Core;
using HOptimus.Training.Data;
using HOptimus.Training.Options;

namespace HOptimus.Training.Tests;

public class LoaderTests
{
    private static string s_run = "";
    private static int s_tiles;

    [OneTimeSetUp]
    public void Shards()
    {
        s_run = TestTiles.NewDirectory("loader");
        s_tiles = TestTiles.WriteShards(s_run, generated: 15);
    }

    private static BatchLoader Loader(ShardSet shards, int workers, int rank = 0, int world = 1, long start = 0)
    {
        var o = TinyRun.Options("Data:GlobalBatchSize=8");
        var order = new SampleOrder(shards.TileCount, o.Seed, o.Data.GlobalBatchSize, rank, world);
        return new BatchLoader(shards, order, TrainingSetup.Augmenter(o),
            TrainingSetup.Masks(o, Model.ViTConfig.Preset("vit-tiny")), start, workers, prefetch: 2);
    }

    [Test]
    public void ShardsOfBothCodecsAreIndexedInFileOrder()
    {
        var shards = ShardSet.Open(Path.Combine(s_run, "tiles"));
        Assert.That(shards.TileCount, Is.EqualTo(s_tiles));
        Assert.That(shards.Locate(0), Is.EqualTo((0, 0)));
        Assert.That(shards.Locate(s_tiles - 1), Is.EqualTo((1, shards.Counts[1] - 1)));
        Assert.That(shards.Locate(shards.Counts[0]), Is.EqualTo((1, 0)));
    }

    [Test]
    public void BatchesAreTheSameWhateverTheWorkerCountAndResumePoint()
    {
        var shards = ShardSet.Open(Path.Combine(s_run, "tiles"));
        List<float[]> Run(int workers, long start, int steps)
        {
            using var loader = Loader(shards, workers, start: start);
            var result = new List<float[]>();
            for (var i = 0; i < steps; i++)
            {
                using var b = loader.Next();
                Assert.That(b.Step, Is.EqualTo(start + i));
                result.Add(b.Global.Concat(b.Local).Concat(b.Masks.Select(m => m ? 1f : 0f)).ToArray());
            }
            return result;
        }
        var one = Run(1, 0, 5);
        var two = Run(2, 0, 5);
        var resumed = Run(2, 3, 2);
        Assert.That(two, Is.EqualTo(one));
        Assert.That(resumed, Is.EqualTo(one.Skip(3).ToList()));
        Assert.That(one[0], Is.Not.EqualTo(one[1]));
    }

    [Test]
    public void TwoRanksTogetherSeeTheSingleRankBatch()
    {
        var shards = ShardSet.Open(Path.Combine(s_run, "tiles"));
        using var single = Loader(shards, 1);
        using var r0 = Loader(shards, 1, rank: 0, world: 2);
        using var r1 = Loader(shards, 1, rank: 1, world: 2);
        using var all = single.Next();
        using var a = r0.Next();
        using var b = r1.Next();
        var plane = all.Global.Length / 2 / 8;
        // Crop-major layout: global crop 0 of samples 0..7, then crop 1; rank 0 holds samples 0..3.
        Assert.That(a.Global.AsSpan(0, 4 * plane).ToArray(), Is.EqualTo(all.Global.AsSpan(0, 4 * plane).ToArray()));
        Assert.That(b.Global.AsSpan(0, 4 * plane).ToArray(), Is.EqualTo(all.Global.AsSpan(4 * plane, 4 * plane).ToArray()));
    }

    [Test]
    public void MissingOrCorruptShardFailsNamingIt()
    {
        var dir = TestTiles.NewDirectory("corrupt");
        var missing = Assert.Throws<HoptException>(() => ShardSet.Open(dir))!;
        Assert.That(missing.Message, Does.Contain(dir).And.Contain("no shard-*.h5"));
        var good = Directory.GetFiles(Path.Combine(s_run, "tiles"), "shard-*.h5").Order().First();
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(Path.Combine(dir, "shard-00000-000.h5"), bytes.AsSpan(0, bytes.Length / 3).ToArray());
        var truncated = Assert.Throws<HoptException>(() => ShardSet.Open(dir))!;
        Assert.That(truncated.Message, Does.Contain("shard-00000-000.h5"));
        Assert.That(truncated.ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }

    [Test, CancelAfter(60_000)]
    public void ATileThatCannotBeDecodedIsAnErrorNotAHang()
    {
        var dir = TestTiles.NewDirectory("badjpeg");
        var slide = new Tiles.ShardSlide("s", "generated", "", "", 0.5, 0, 1);
        var path = Path.Combine(dir, "shard-00000-000.h5");
        using (var writer = new Tiles.TileShardWriter(path, new Tiles.ShardHeader(Tiles.TileCodecKind.Jpeg)))
        {
            writer.AddSlide(slide);
            for (var i = 0; i < 8; i++) writer.AddEncoded(0, i, 0, i == 5 ? new byte[] { 0xFF, 0xD8, 1, 2, 3 } : new Tiles.TileCodec(Tiles.TileCodecKind.Jpeg, 224).Encode(TestTiles.Generated(i)));
            writer.Commit();
        }
        var shards = ShardSet.Open(dir);
        using var loader = Loader(shards, 2);
        var e = Assert.Throws<HoptException>(() => { for (var i = 0; i < 3; i++) loader.Next().Dispose(); })!;
        Assert.That(e.Message, Does.Contain(path).And.Contain("tile 5"));
    }
}
