using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using HOptimus.Integration.Tests.Support;
using HOptimus.Tiles;

namespace HOptimus.Integration.Tests.Training;

/// <summary>
/// A published hopt-train running as a child process, its output collected line by line, so a test
/// can wait for a log line and then signal or kill -9 it.
/// </summary>
public sealed class TrainProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    public TrainProcess(string run, IEnumerable<string> sets, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Repo.Published("hopt-train"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = run,
        };
        foreach (var a in Args(run, sets)) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>hopt-train's arguments for the CI recipe; --set takes all its values after one flag (CommandLineParser).</summary>
    public static string[] Args(string run, IEnumerable<string> sets) => ["--run", run, "--recipe", "vit-tiny-cpu-ci", "--set", .. sets];

    public string Output => string.Join("\n", _lines);

    /// <summary>Waits until a line contains <paramref name="text"/>; fails with the output so far if it never does.</summary>
    public void WaitFor(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!_lines.Any(l => l.Contains(text)))
        {
            if (_process.HasExited) Assert.Fail($"hopt-train exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            if (clock.Elapsed > timeout) Assert.Fail($"no '{text}' within {timeout}:\n{Output}");
            Thread.Sleep(50);
        }
    }

    public void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0) Assert.Fail($"kill({_process.Id}, {signal}) failed");
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) Assert.Fail($"hopt-train still running after {timeout}:\n{Output}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public const int SIGKILL = 9, SIGUSR2 = 12, SIGTERM = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    /// <summary>A run folder with two small shards: generated tiles plus the real NCT-CRC-HE patches when present.</summary>
    public static string NewRun(string name)
    {
        var run = Repo.NewRunDirectory(name);
        var tiles = Path.Combine(run, "tiles");
        Directory.CreateDirectory(tiles);
        var slide = new ShardSlide("synthetic", "generated", "", "", 0.5, 0, 1);
        var rng = new Random(1);
        ShardTile Tile(int i)
        {
            var rgb = new byte[224 * 224 * 3];
            rng.NextBytes(rgb);
            for (var p = 0; p < rgb.Length; p += 3) (rgb[p], rgb[p + 2]) = ((byte)(200 + rgb[p] % 40), (byte)(180 + rgb[p + 2] % 50));
            return new ShardTile(0, i, 0, rgb);
        }
        TileShardWriter.Write(Path.Combine(tiles, "shard-00000-000.h5"), new ShardHeader(TileCodecKind.Jpeg), [slide], Enumerable.Range(0, 20).Select(Tile));
        TileShardWriter.Write(Path.Combine(tiles, "shard-00000-001.h5"), new ShardHeader(TileCodecKind.Raw), [slide], Enumerable.Range(20, 12).Select(Tile));
        return run;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
