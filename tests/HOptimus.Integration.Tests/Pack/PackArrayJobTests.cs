using HOptimus.Core;
using HOptimus.Integration.Tests.Support;
using HOptimus.Pack;
using HOptimus.Tiles;

namespace HOptimus.Integration.Tests.Pack;

/// <summary>
/// jobs/pack.sbatch as a 3-task array (at most 2 at once) on the local cluster, running the published
/// hopt-pack over generated slides, the real SVS and one corrupt slide.
/// </summary>
[TestFixture, NonParallelizable]
public class PackArrayJobTests
{
    [Test]
    public void Three_task_array_packs_its_shares_merges_one_manifest_and_reports_the_corrupt_slide_with_exit_4()
    {
        LocalSlurm.RequireCluster();
        Repo.Published("hopt-pack");
        var run = Repo.NewRunDirectory("pack-array");
        // Round-robin shares: task 0 gets fine + corrupt (exit 4), task 1 native, task 2 the real slide.
        var list = PackSlides.WriteList(Path.Combine(run, "slides.csv"),
            ("fine", PackSlides.Fine, "colon", "p1", null),
            ("native", PackSlides.Native, "lung", "p2", null),
            ("real", PackSlides.Real, "skin", "p3", PackSlides.RealMpp),
            ("corrupt", PackSlides.Corrupt, "colon", "p4", null));
        Directory.CreateDirectory(Path.Combine(run, "config"));
        Directory.CreateDirectory(Path.Combine(run, "logs"));
        File.WriteAllText(Path.Combine(run, "config", "pack.json"),
            $$"""{ "Pack": { "Slides": "{{list}}", "Codec": "jpeg", "Threads": 1, "ProgressSeconds": 2 } }""");

        var id = LocalSlurm.Submit("--array=0-2%2", "-t", "00:10:00", "-o", Path.Combine(run, "logs", "pack-%A_%a.out"),
            $"--export=ALL,HOPT_RUN={run},HOPT_BIN={Repo.PublishDir}", Path.Combine(Repo.Jobs, "pack.sbatch"));
        var rows = LocalSlurm.WaitForEnd(id, TimeSpan.FromMinutes(6), allocations: 3).ToDictionary(r => r.JobId, r => (r.State, r.ExitCode));
        var logs = string.Join("\n", Directory.GetFiles(Path.Combine(run, "logs"), "*.out").Select(File.ReadAllText));
        Assert.That(rows.Keys, Is.EquivalentTo(new[] { $"{id}_0", $"{id}_1", $"{id}_2" }), logs);
        Assert.That(rows[$"{id}_0"], Is.EqualTo(("FAILED", "4:0")), logs);
        Assert.That(rows[$"{id}_1"], Is.EqualTo(("COMPLETED", "0:0")), logs);
        Assert.That(rows[$"{id}_2"], Is.EqualTo(("COMPLETED", "0:0")), logs);

        var tiles = Path.Combine(run, "tiles");
        var manifest = DatasetManifest.Read(Path.Combine(tiles, DatasetManifest.FileName));
        Assert.That(manifest.Shards.Select(s => s.File), Is.EqualTo(new[] { ShardNames.File(0, 0), ShardNames.File(1, 0), ShardNames.File(2, 0) }));
        Assert.That(manifest.Slides.Select(s => (s.SlideId, s.Task)), Is.EquivalentTo(new[] { ("fine", 0), ("native", 1), ("real", 2) }));
        Assert.That(manifest.Failures.Single().SlideId, Is.EqualTo("corrupt"));
        Assert.That(manifest.Failures.Single().Reason, Does.Contain("Not a JPEG file"));
        Assert.That(manifest.Verify(tiles), Is.Empty);
        Assert.That(manifest.Totals.Patients, Is.EqualTo(3));

        var comparison = PackPython.CompareToReadRegion(["fine", "native"], manifest.ShardPaths(tiles));
        Assert.That(comparison.PerSlide, Is.EquivalentTo(manifest.Slides.ToDictionary(s => s.SlideId, s => s.Tiles)));
        Assert.That(comparison.PooledPsnr, Is.GreaterThanOrEqualTo(40));
        Assert.That(logs, Does.Contain("tiles/s").And.Contain("ETA"));
    }
}
