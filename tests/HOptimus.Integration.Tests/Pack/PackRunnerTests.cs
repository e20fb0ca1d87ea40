using HOptimus.Core;
using HOptimus.Integration.Tests.Support;
using HOptimus.Pack;
using HOptimus.Tiles;

namespace HOptimus.Integration.Tests.Pack;

/// <summary>hopt-pack's task runner in-process on real slides: failures, exit codes, interop, resume.</summary>
[TestFixture, NonParallelizable]
public class PackRunnerTests
{
    private static (string, string, string, string, double?)[] AllKinds() =>
    [
        ("fine", PackSlides.Fine, "colon", "p1", null),
        ("native", PackSlides.Native, "lung", "p2", null),
        ("real", PackSlides.Real, "skin", "p3", PackSlides.RealMpp),
        ("corrupt", PackSlides.Corrupt, "colon", "p4", null),
        ("blank", PackSlides.Blank, "colon", "p5", null),
        ("tiny", PackSlides.Tiny, "colon", "p6", null),
        ("nompp", PackSlides.NoMpp, "colon", "p7", null),
        ("empty", PackSlides.Empty, "colon", "p8", null),
        ("text", PackSlides.Text, "colon", "p9", null),
        ("truncated", PackSlides.Truncated, "colon", "p10", null),
        ("missing", PackSlides.Missing, "colon", "p11", null),
    ];

    private static readonly Dictionary<string, string> ExpectedReasons = new()
    {
        ["corrupt"] = "Not a JPEG file",
        ["blank"] = "no tissue found",
        ["tiny"] = "smaller than one tile",
        ["nompp"] = "no µm/px known",
        ["empty"] = "file is empty (0 bytes)",
        ["text"] = "not a slide OpenSlide can read",
        ["truncated"] = "not a slide OpenSlide can read",
        ["missing"] = "file not found",
    };

    internal static int RunTask(string run, string list, TileCodecKind codec, int task = 0, int tasks = 1, bool directTiffReads = true)
    {
        var options = new PackOptions { Slides = list, Codec = codec, Task = task, Tasks = tasks, Threads = 2, ProgressSeconds = 5,
                                        DirectTiffReads = directTiffReads }.Validated();
        using var signal = new ShutdownSignal();
        return new PackRunner(options, new RunDirectory(run).Create(), TaskShare.Resolve(task, tasks, new SlurmEnvironment()),
            Logging.None, signal).Run();
    }

    [Test]
    public void Each_bad_slide_fails_alone_with_its_reason_raw_tiles_equal_read_region_and_a_rerun_resumes()
    {
        var run = Repo.NewRunDirectory("pack-raw");
        var list = PackSlides.WriteList(Path.Combine(run, "slides.csv"), AllKinds());
        Assert.That(RunTask(run, list, TileCodecKind.Raw), Is.EqualTo(ExitCodes.Partial));

        var tiles = Path.Combine(run, "tiles");
        var manifest = DatasetManifest.Read(Path.Combine(tiles, DatasetManifest.FileName));
        Assert.That(manifest.Slides.Select(s => s.SlideId), Is.EquivalentTo(new[] { "fine", "native", "real" }));
        Assert.That(manifest.Failures.Select(f => f.SlideId), Is.EquivalentTo(ExpectedReasons.Keys));
        foreach (var f in manifest.Failures)
            Assert.That(f.Reason, Does.Contain(ExpectedReasons[f.SlideId]), f.SlideId);
        Assert.That(manifest.Slides.Single(s => s.SlideId == "real").MppSource, Is.EqualTo("list"));
        Assert.That(manifest.Slides.Single(s => s.SlideId == "fine").MppSource, Is.EqualTo("openslide.mpp-x"));
        Assert.That(manifest.Verify(tiles), Is.Empty);
        Assert.That(manifest.Totals.Tiles, Is.EqualTo(manifest.Slides.Sum(s => s.Tiles)));
        Assert.That(manifest.Organs.Keys, Is.EquivalentTo(new[] { "colon", "lung", "skin" }));
        // A thumbnail is drawn once the cut is planned, so the slide that failed while reading has one too.
        Assert.That(Directory.GetFiles(Path.Combine(tiles, "thumbnails"), "*.png").Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "fine.png", "native.png", "real.png", "corrupt.png" }));

        var shards = manifest.ShardPaths(tiles).ToList();
        var comparison = PackPython.CompareToReadRegion(["fine", "native"], shards);
        Assert.That(comparison.PerSlide, Is.EquivalentTo(manifest.Slides.ToDictionary(s => s.SlideId, s => s.Tiles)));
        Assert.That(comparison.Tiles, Is.EqualTo(manifest.Slides.Where(s => s.SlideId != "real").Sum(s => s.Tiles)).And.GreaterThan(0));
        Assert.That(comparison.Mismatches, Is.Zero, "raw tiles differ from openslide.read_region");

        // Rerun: the packed slides are skipped (shard untouched), the failed ones are tried again and fail again.
        var before = manifest.Shards.Single();
        Assert.That(RunTask(run, list, TileCodecKind.Raw), Is.EqualTo(ExitCodes.Partial));
        var again = DatasetManifest.Read(Path.Combine(tiles, DatasetManifest.FileName));
        Assert.That(again.Shards, Is.EqualTo(new[] { before }));
        Assert.That(again.Failures, Has.Count.EqualTo(ExpectedReasons.Count));
    }

    /// <summary>
    /// PSNR is pooled over every pixel of every tile (per-tile minimum reported): JPEG 90 at 4:4:4 gives
    /// 38-45 dB per H&amp;E tile, so a per-tile floor of 40 dB would need quality ~95 for the densest tiles.
    /// The real slide is resampled, so its JPEG tiles are compared to its raw tiles packed the same way.
    /// </summary>
    [Test]
    public void Jpeg_90_tiles_reach_40_dB_against_read_region_and_against_raw_on_the_real_slide()
    {
        var run = Repo.NewRunDirectory("pack-jpeg");
        var list = PackSlides.WriteList(Path.Combine(run, "slides.csv"),
            ("fine", PackSlides.Fine, "colon", "p1", null), ("native", PackSlides.Native, "lung", "p2", null));
        Assert.That(RunTask(run, list, TileCodecKind.Jpeg), Is.EqualTo(ExitCodes.Done));
        var tiles = Path.Combine(run, "tiles");
        var manifest = DatasetManifest.Read(Path.Combine(tiles, DatasetManifest.FileName));
        var comparison = PackPython.CompareToReadRegion(["fine", "native"], manifest.ShardPaths(tiles));
        Assert.That(comparison.Tiles, Is.EqualTo(manifest.Totals.Tiles).And.GreaterThan(0));
        Assert.That(comparison.PooledPsnr, Is.GreaterThanOrEqualTo(40), $"per-tile minimum {comparison.MinPsnr:F1} dB");
        Assert.That(comparison.MinPsnr, Is.GreaterThanOrEqualTo(35));

        var real = PackSlides.WriteList(Path.Combine(run, "real.csv"), ("real", PackSlides.Real, "skin", "p3", PackSlides.RealMpp));
        var (jpegRun, rawRun) = (Path.Combine(run, "real-jpeg"), Path.Combine(run, "real-raw"));
        Assert.That(RunTask(jpegRun, real, TileCodecKind.Jpeg), Is.EqualTo(ExitCodes.Done));
        Assert.That(RunTask(rawRun, real, TileCodecKind.Raw), Is.EqualTo(ExitCodes.Done));
        var shard = ShardNames.File(0, 0);
        var psnr = PackPython.PooledPsnr(Path.Combine(jpegRun, "tiles", shard), Path.Combine(rawRun, "tiles", shard));
        Assert.That(psnr, Is.GreaterThanOrEqualTo(40));
    }

    [Test]
    public void Direct_TIFF_reads_and_OpenSlide_reads_pack_the_same_tiles()
    {
        var list = PackSlides.WriteList(Path.Combine(Repo.NewRunDirectory("pack-lists"), "slides.csv"),
            ("fine", PackSlides.Fine, "colon", "p1", null), ("native", PackSlides.Native, "lung", "p2", null));
        byte[][] Tiles(bool direct)
        {
            var run = Repo.NewRunDirectory(direct ? "pack-direct" : "pack-openslide");
            Assert.That(RunTask(run, list, TileCodecKind.Raw, directTiffReads: direct), Is.EqualTo(ExitCodes.Done));
            using var reader = TileShardReader.Open(Path.Combine(run, "tiles", ShardNames.File(0, 0)));
            return Enumerable.Range(0, reader.Count).Select(reader.ReadEncoded).ToArray();
        }
        var direct = Tiles(true);
        Assert.That(direct, Is.Not.Empty);
        Assert.That(direct, Is.EqualTo(Tiles(false)));
    }

    [Test]
    public void A_damaged_shard_is_packed_again_and_temp_files_removed_on_rerun()
    {
        var run = Repo.NewRunDirectory("pack-resume");
        var list = PackSlides.WriteList(Path.Combine(run, "slides.csv"), ("native", PackSlides.Native, "lung", "p2", null));
        Assert.That(RunTask(run, list, TileCodecKind.Jpeg), Is.EqualTo(ExitCodes.Done));
        var tiles = Path.Combine(run, "tiles");
        var first = DatasetManifest.Read(Path.Combine(tiles, DatasetManifest.FileName)).Shards.Single();
        var shard = Path.Combine(tiles, first.File);
        File.WriteAllBytes(shard, File.ReadAllBytes(shard)[..1000]);
        var killed = AtomicFile.TempNameFor(Path.Combine(tiles, ShardNames.File(0, 1))); // as a killed task leaves it
        File.WriteAllBytes(killed, new byte[100]);

        Assert.That(RunTask(run, list, TileCodecKind.Jpeg), Is.EqualTo(ExitCodes.Done));
        Assert.That(File.Exists(killed), Is.False, "a killed run's temp shard is removed");
        var manifest = DatasetManifest.Read(Path.Combine(tiles, DatasetManifest.FileName));
        Assert.That(manifest.Verify(tiles), Is.Empty);
        Assert.That(manifest.Shards.Single().Tiles, Is.EqualTo(first.Tiles));
        using var reader = TileShardReader.Open(Path.Combine(tiles, manifest.Shards.Single().File));
        Assert.That(reader.Count, Is.EqualTo(first.Tiles));
    }

    [Test]
    public void A_task_whose_slides_all_fail_exits_3_and_bad_lists_are_bad_input()
    {
        var run = Repo.NewRunDirectory("pack-allbad");
        var list = PackSlides.WriteList(Path.Combine(run, "slides.csv"), ("empty", PackSlides.Empty, "", "", null));
        Assert.That(RunTask(run, list, TileCodecKind.Jpeg), Is.EqualTo(ExitCodes.BadInput));

        var missing = Assert.Throws<HoptException>(() => RunTask(run, Path.Combine(run, "nope.csv"), TileCodecKind.Jpeg));
        Assert.That((missing!.ExitCode, missing.Message), Is.EqualTo((ExitCodes.BadInput, $"{Path.Combine(run, "nope.csv")}: slide list not found (expected a CSV file or a folder)")));
        var bad = Path.Combine(run, "bad.csv");
        File.WriteAllText(bad, "slide_id,path,organ,patient_id,mpp\na,x.svs,o,p,fast\n");
        var e = Assert.Throws<HoptException>(() => RunTask(run, bad, TileCodecKind.Jpeg));
        Assert.That(e!.Message, Does.Contain("bad.csv:2: mpp 'fast'"));
    }
}
