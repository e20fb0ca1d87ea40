using System.Diagnostics;
using HOptimus.Tiles;

namespace HOptimus.Training.Tests;

/// <summary>
/// Small tile shards written with the real TileShardWriter: the 9 real NCT-CRC-HE patches of
/// ../shared/data (decoded by Debian's PIL) plus generated H&amp;E-like tiles.
/// </summary>
public static class TestTiles
{
    public const int Size = 224;

    public static string SharedData =>
        Environment.GetEnvironmentVariable("HOPT_SHARED_DATA") ?? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    public static string RepoRoot { get; } = FindRoot();

    public static string NewDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "hopt-training-tests", $"{name}-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// Writes tiles/shard-00000-000.h5 (JPEG: the real patches + generated) and shard-00000-001.h5 (raw,
    /// generated) under <paramref name="runDirectory"/>; returns the tile count.
    /// </summary>
    public static int WriteShards(string runDirectory, int generated = 40)
    {
        var tiles = Path.Combine(runDirectory, "tiles");
        Directory.CreateDirectory(tiles);
        var slide = new ShardSlide("synthetic-0", "generated", "colon", "p0", 0.5, 0, 1);
        var real = RealPatches().Select((rgb, i) => new ShardTile(0, i * Size, 0, rgb)).ToList();
        var first = real.Concat(Enumerable.Range(0, generated / 2).Select(i => new ShardTile(0, i * Size, Size, Generated(i)))).ToList();
        var second = Enumerable.Range(generated / 2, generated - generated / 2).Select(i => new ShardTile(0, i * Size, 2 * Size, Generated(i))).ToList();
        TileShardWriter.Write(Path.Combine(tiles, "shard-00000-000.h5"), new ShardHeader(TileCodecKind.Jpeg), [slide], first);
        TileShardWriter.Write(Path.Combine(tiles, "shard-00000-001.h5"), new ShardHeader(TileCodecKind.Raw), [slide], second);
        return first.Count + second.Count;
    }

    /// <summary>The real H&amp;E patches as RGB bytes; the test is skipped, saying why, without them or PIL.</summary>
    public static List<byte[]> RealPatches()
    {
        var dir = Path.Combine(SharedData, "patches", "nct-crc-he");
        if (!Directory.Exists(dir)) Assert.Ignore($"{dir} is missing: the real fixtures live in ../shared/data beside the checkout");
        if (!File.Exists("/usr/bin/python3")) Assert.Ignore("/usr/bin/python3 (Debian, with PIL) is needed to decode the TIFF patches");
        var result = new List<byte[]>();
        foreach (var file in Directory.GetFiles(dir, "*.tif").Order())
        {
            var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("import sys; from PIL import Image; sys.stdout.buffer.write(Image.open(sys.argv[1]).convert('RGB').resize((224, 224)).tobytes())");
            info.ArgumentList.Add(file);
            using var p = Process.Start(info)!;
            using var ms = new MemoryStream();
            p.StandardOutput.BaseStream.CopyTo(ms);
            p.WaitForExit();
            if (p.ExitCode != 0) Assert.Ignore($"PIL could not decode {file}: {p.StandardError.ReadToEnd()}");
            Assert.That(ms.Length, Is.EqualTo(Size * Size * 3), file);
            result.Add(ms.ToArray());
        }
        return result;
    }

    /// <summary>A deterministic H&amp;E-like tile: pink stroma with purple nuclei of random size.</summary>
    public static byte[] Generated(int seed)
    {
        var rng = new Random(seed);
        var rgb = new byte[Size * Size * 3];
        var (br, bg, bb) = (rng.Next(200, 245), rng.Next(150, 200), rng.Next(190, 230));
        for (var i = 0; i < Size * Size; i++)
        {
            rgb[3 * i] = (byte)Math.Clamp(br + rng.Next(-12, 12), 0, 255);
            rgb[3 * i + 1] = (byte)Math.Clamp(bg + rng.Next(-12, 12), 0, 255);
            rgb[3 * i + 2] = (byte)Math.Clamp(bb + rng.Next(-12, 12), 0, 255);
        }
        var nuclei = rng.Next(5, 60);
        for (var n = 0; n < nuclei; n++)
        {
            int cx = rng.Next(Size), cy = rng.Next(Size), r = rng.Next(3, 14);
            var (nr, ng, nb) = (rng.Next(60, 120), rng.Next(30, 80), rng.Next(110, 170));
            for (var y = Math.Max(0, cy - r); y < Math.Min(Size, cy + r); y++)
                for (var x = Math.Max(0, cx - r); x < Math.Min(Size, cx + r); x++)
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
                        (rgb[3 * (y * Size + x)], rgb[3 * (y * Size + x) + 1], rgb[3 * (y * Size + x) + 2]) = ((byte)nr, (byte)ng, (byte)nb);
        }
        return rgb;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HOptimus.Hpc.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no HOptimus.Hpc.sln above {AppContext.BaseDirectory}");
    }
}
