namespace HOptimus.Integration.Tests.Support;

/// <summary>Where things are: the checkout, the shared real data beside it, the published executables.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>Real slides and patches, read in place (../shared/data beside the checkout, or HOPT_SHARED_DATA).</summary>
    public static string SharedData =>
        Environment.GetEnvironmentVariable("HOPT_SHARED_DATA") ?? Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    /// <summary>Published self-contained executables (scripts/publish), as the jobs/ scripts run them.</summary>
    public static string PublishDir =>
        Environment.GetEnvironmentVariable("HOPT_BIN") ?? Path.Combine(Root, "artifacts", "publish");

    public static string Jobs => Path.Combine(Root, "jobs");

    /// <summary>Path of a published executable; the test is skipped, with the reason, if it was not published.</summary>
    public static string Published(string executable)
    {
        var path = Path.Combine(PublishDir, executable);
        if (!File.Exists(path))
            Assert.Ignore($"{path} is missing: run scripts/publish (scripts/test does) before the integration tests");
        return path;
    }

    /// <summary>A real data file; skipped with the reason if ../shared/data is not beside the checkout.</summary>
    public static string RequireData(string relative)
    {
        var path = Path.Combine(SharedData, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
            Assert.Ignore($"{path} is missing: the real fixtures live in ../shared/data beside the checkout");
        return path;
    }

    /// <summary>A fresh folder every job can reach (same machine); removed by the caller's TearDown if wanted.</summary>
    public static string NewRunDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "hopt-it", $"{name}-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HOptimus.Hpc.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no HOptimus.Hpc.sln above {AppContext.BaseDirectory}");
    }
}
