using HOptimus.Integration.Tests.Support;

namespace HOptimus.Integration.Tests.Pack;

/// <summary>
/// The slides the pack tests use, made once per test run by scripts/make-slides (libvips) in a temp
/// folder, plus the real SVS of the shared data and one broken file of every kind issue 3 lists.
/// </summary>
public static class PackSlides
{
    private static readonly Lazy<string> Made = new(Make);

    public static string Folder => Made.Value;
    /// <summary>2048×1536 at 0.25 µm/px (Aperio MPP): level 1 matches 0.5 µm/px, tiles are read directly.</summary>
    public static string Fine => Path.Combine(Folder, "fine.tif");
    /// <summary>1792×1344 at 0.5 µm/px: level 0 matches.</summary>
    public static string Native => Path.Combine(Folder, "native.tif");
    /// <summary>Tissue, but the middle row of level-0 tiles is corrupt: reads fail midway.</summary>
    public static string Corrupt => Path.Combine(Folder, "corrupt.tif");
    public static string Blank => Path.Combine(Folder, "blank.tif");
    public static string Tiny => Path.Combine(Folder, "tiny.tif");
    public static string NoMpp => Path.Combine(Folder, "nompp.tif");
    public static string Empty => Path.Combine(Folder, "empty.svs");
    public static string Text => Path.Combine(Folder, "text.svs");
    public static string Truncated => Path.Combine(Folder, "truncated.svs");
    public static string Missing => Path.Combine(Folder, "missing.svs");
    public static string Real => Repo.RequireData("slides/tcga-cr-7395-01a-01-ts1.svs");

    /// <summary>
    /// µm/px given for the real SVS, which has none in its metadata: 1.0. Its lymphocyte nuclei are 6-8
    /// px across and lymphocytes are ~7 µm, so this fixture (4443 px for a ~4.5 mm frozen section) is
    /// a downscaled scan at about 1 µm/px (10x), not the 0.25 µm/px of a native 40x scan.
    /// </summary>
    public const double RealMpp = 1.0;

    /// <summary>A CSV slide list; each row is (id, path, organ, patient, mpp or null).</summary>
    public static string WriteList(string path, params (string Id, string Path, string Organ, string Patient, double? Mpp)[] rows)
    {
        var lines = rows.Select(r => $"{r.Id},{r.Path},{r.Organ},{r.Patient},{(r.Mpp is double m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}");
        File.WriteAllLines(path, ["slide_id,path,organ,patient_id,mpp", .. lines]);
        return path;
    }

    private static string Make()
    {
        if (!File.Exists("/usr/bin/vips")) Assert.Ignore("vips not found: apt-get install libvips-tools (scripts/setup)");
        var folder = Path.Combine(Path.GetTempPath(), "hopt-pack-slides-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        var jobs = new[]
        {
            ("fine.tif", new[] { "2048", "1536", "--mpp", "0.25", "--seed", "3" }),
            ("native.tif", new[] { "1792", "1344", "--mpp", "0.5", "--seed", "4" }),
            ("corrupt.tif", new[] { "2048", "1536", "--mpp", "0.5", "--seed", "5", "--corrupt-row" }),
            ("blank.tif", new[] { "1024", "768", "--no-tissue" }),
            ("tiny.tif", new[] { "200", "150" }),
            ("nompp.tif", new[] { "1024", "768", "--no-mpp" }),
        };
        var failures = jobs.AsParallel().WithDegreeOfParallelism(2).Select(j =>
        {
            var r = Processes.Run(Path.Combine(Repo.Root, "scripts", "make-slides"), [Path.Combine(folder, j.Item1), .. j.Item2],
                TimeSpan.FromMinutes(2));
            return r.ExitCode == 0 ? null : $"{j.Item1}: {r.Output}";
        }).Where(f => f is not null).ToList();
        if (failures.Count > 0) Assert.Fail("scripts/make-slides failed: " + string.Join("; ", failures));
        File.WriteAllBytes(Path.Combine(folder, "empty.svs"), []);
        File.WriteAllText(Path.Combine(folder, "text.svs"), "slide_id,path\nthis is a CSV, not a slide\n");
        var fine = File.ReadAllBytes(Path.Combine(folder, "fine.tif"));
        File.WriteAllBytes(Path.Combine(folder, "truncated.svs"), fine[..(fine.Length / 4)]);
        return folder;
    }
}
