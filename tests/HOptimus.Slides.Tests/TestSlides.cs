using System.Diagnostics;

namespace HOptimus.Slides.Tests;

/// <summary>
/// Slides for the tests: small synthetic ones made once per run by scripts/make-slides (libvips), the
/// real SVS of the shared data, and broken files. Tests that need a missing tool are ignored, saying why.
/// </summary>
[SetUpFixture]
public class TestSlides
{
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "hopt-slides-tests-" + Environment.ProcessId);
    public static string RepoRoot { get; } = FindRepoRoot();
    /// <summary>2048×1536, 0.25 µm/px, tissue: level 1 (downsample 2) matches 0.5 µm/px exactly.</summary>
    public static string Tissue25 => Path.Combine(Folder, "tissue-0.25.tif");
    /// <summary>1024×768 background only, 0.5 µm/px.</summary>
    public static string Blank => Path.Combine(Folder, "blank.tif");
    public static string RealSvs => Path.Combine(RepoRoot, "..", "shared", "data", "slides", "tcga-cr-7395-01a-01-ts1.svs");
    private static string? _generationError;

    [OneTimeSetUp]
    public void Generate()
    {
        Directory.CreateDirectory(Folder);
        _generationError = Make(Tissue25, "2048", "1536", "--mpp", "0.25", "--seed", "3")
                           ?? Make(Blank, "1024", "768", "--mpp", "0.5", "--no-tissue");
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(Folder, recursive: true);

    public static string Synthetic(string path)
    {
        if (_generationError is not null) Assert.Ignore($"synthetic slides unavailable: {_generationError}");
        return path;
    }

    public static string Real()
    {
        if (!File.Exists(RealSvs)) Assert.Ignore($"real slide not found at {RealSvs}");
        return RealSvs;
    }

    /// <summary>Runs scripts/make-slides; returns null on success, else why it failed.</summary>
    public static string? Make(string output, params string[] args)
    {
        var script = Path.Combine(RepoRoot, "scripts", "make-slides");
        var start = new ProcessStartInfo(script) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(output);
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(start)!;
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? null : $"make-slides exited {p.ExitCode}: {err.Result.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{script}: {e.Message}";
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HOptimus.Hpc.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("HOptimus.Hpc.sln not found above the test folder");
    }
}
