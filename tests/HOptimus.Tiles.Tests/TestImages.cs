namespace HOptimus.Tiles.Tests;

/// <summary>Tiles for tests: real H&amp;E patches from the shared data, or a deterministic pattern.</summary>
internal static class TestImages
{
    /// <summary>The shared data sits beside the repository (../shared/data), or where HOPT_SHARED_DATA says.</summary>
    public static string PatchFolder => Path.Combine(SharedData(), "patches", "nct-crc-he");

    private static string SharedData()
    {
        var explicitPath = Environment.GetEnvironmentVariable("HOPT_SHARED_DATA");
        if (!string.IsNullOrEmpty(explicitPath)) return explicitPath;
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HOptimus.Hpc.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.Parent?.FullName ?? "/", "shared", "data");
    }

    private static List<(string Name, byte[] Rgb)>? _patches;

    /// <summary>RGB bytes (224*224*3) of the real NCT-CRC-HE patches, decoded by PIL in one call and kept.</summary>
    public static List<(string Name, byte[] Rgb)> RealPatches()
    {
        if (_patches is not null) return _patches;
        if (!Directory.Exists(PatchFolder)) Assert.Ignore($"real patches not found at {PatchFolder}");
        Python.RequireModules("PIL");
        var files = Directory.GetFiles(PatchFolder, "*.tif").Order().ToArray();
        var raw = Path.GetTempFileName();
        Python.RunOk("import sys; from PIL import Image\nwith open(sys.argv[1], 'wb') as out:\n    for f in sys.argv[2:]: out.write(Image.open(f).convert('RGB').tobytes())",
            [raw, .. files]);
        var bytes = File.ReadAllBytes(raw);
        File.Delete(raw);
        const int tile = 224 * 224 * 3;
        Assert.That(bytes.Length, Is.EqualTo(files.Length * tile), "every patch must be 224x224 RGB");
        _patches = files.Select((f, i) => (Path.GetFileName(f), bytes[(i * tile)..((i + 1) * tile)])).ToList();
        return _patches;
    }

    /// <summary>A smooth gradient with a seed-dependent offset: distinct per tile, compresses well.</summary>
    public static byte[] Pattern(int seed, int size = 224)
    {
        var rgb = new byte[size * size * 3];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var i = (y * size + x) * 3;
            rgb[i] = (byte)(x + seed);
            rgb[i + 1] = (byte)(y * 2 + seed * 3);
            rgb[i + 2] = (byte)((x + y) / 2 + seed * 7);
        }
        return rgb;
    }
}
