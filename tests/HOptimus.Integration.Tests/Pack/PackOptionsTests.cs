using HOptimus.Core;
using HOptimus.Pack;

namespace HOptimus.Integration.Tests.Pack;

public class PackOptionsTests
{
    [Test]
    public void Shares_of_three_tasks_are_disjoint_cover_the_list_and_are_round_robin()
    {
        var list = Enumerable.Range(0, 10).ToList();
        var shares = Enumerable.Range(0, 3).Select(i => new TaskShare(i, 3).Take(list)).ToList();
        Assert.That(shares.SelectMany(s => s).Order(), Is.EqualTo(list));
        Assert.That(shares[1], Is.EqualTo(new[] { 1, 4, 7 }));
    }

    [Test]
    public void Task_comes_from_flags_then_the_slurm_array_relative_to_its_first_id()
    {
        var slurm = new SlurmEnvironment { ArrayTaskId = 5, ArrayTaskMin = 4, ArrayTaskCount = 3 };
        Assert.That(TaskShare.Resolve(null, null, slurm), Is.EqualTo(new TaskShare(1, 3)));
        Assert.That(TaskShare.Resolve(2, 3, slurm), Is.EqualTo(new TaskShare(2, 3)));
        Assert.That(TaskShare.Resolve(null, null, new SlurmEnvironment()), Is.EqualTo(new TaskShare(0, 1)));
        Assert.That(Assert.Throws<HoptException>(() => TaskShare.Resolve(3, 3, slurm))!.ExitCode, Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public void Validation_reports_every_bad_key_at_once()
    {
        var options = new PackOptions { Slides = "", JpegQuality = 0, TilesPerShard = 0, Tiling = new() { TargetMpp = -1 } };
        var e = Assert.Throws<HoptException>(() => options.Validated());
        Assert.That(e!.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(e.Message, Does.Contain("Pack:Slides").And.Contain("Pack:JpegQuality").And.Contain("Pack:TilesPerShard").And.Contain("Tiling:TargetMpp"));
    }

    [Test]
    public void Config_file_flags_and_set_overrides_combine()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hopt-pack-cfg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "pack.json");
        File.WriteAllText(config, """{ "Pack": { "Slides": "/data/list.csv", "Codec": "raw", "Tiling": { "PatchSize": 256 } } }""");
        var cli = new PackCommandLine { ConfigFiles = [config], Overrides = ["Pack:TilesPerShard=7"], Codec = "jpeg", Quality = 80 };
        var options = ConfigLoader.Load<PackOptions>(cli.ConfigFiles, cli.AllOverrides(), section: "Pack");
        Assert.That((options.Slides, options.Codec, options.JpegQuality, options.TilesPerShard, options.Tiling.PatchSize),
            Is.EqualTo(("/data/list.csv", HOptimus.Tiles.TileCodecKind.Jpeg, 80, 7, 256)));
        Directory.Delete(dir, recursive: true);
    }
}

public class SlideListTests
{
    [Test]
    public void A_folder_lists_its_slide_files_sorted_and_a_csv_resolves_paths_against_its_folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hopt-pack-list-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var f in new[] { "b.svs", "a.NDPI", "notes.txt", "c.tif" }) File.WriteAllText(Path.Combine(dir, f), "");
        var folder = SlideList.Load(dir, PackOptions.SlideExtensions);
        Assert.That(folder.Select(s => s.SlideId), Is.EqualTo(new[] { "a", "b", "c" }));

        var csv = Path.Combine(dir, "list.csv");
        File.WriteAllText(csv, "slide_id,path,organ,patient_id,mpp\nx,\"sub dir/x,1.svs\",lung,p1,0.25\ny,/abs/y.svs,,,\n");
        var list = SlideList.Load(csv, PackOptions.SlideExtensions);
        Assert.That(list, Is.EqualTo(new[]
        {
            new SlideEntry("x", Path.Combine(dir, "sub dir", "x,1.svs"), "lung", "p1", 0.25),
            new SlideEntry("y", "/abs/y.svs", "", "", null),
        }));
        File.AppendAllText(csv, "x,/dup.svs,,,\n");
        Assert.That(Assert.Throws<HoptException>(() => SlideList.Load(csv, PackOptions.SlideExtensions))!.Message, Does.Contain("'x' appears 2 times"));
        Directory.Delete(dir, recursive: true);
    }
}
