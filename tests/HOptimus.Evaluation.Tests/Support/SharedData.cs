namespace HOptimus.Evaluation.Tests.Support;

/// <summary>
/// The real fixtures in shared/data beside the repository (../shared/data from the repo root), read in place.
/// A test that needs them is ignored, saying so, where they are absent.
/// </summary>
public static class SharedData
{
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "HOptimus.Hpc.sln"))) return dir.FullName;
            throw new InvalidOperationException($"no HOptimus.Hpc.sln above {AppContext.BaseDirectory}");
        }
    }

    public static string NctPatches
    {
        get
        {
            var folder = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "patches", "nct-crc-he"));
            if (!Directory.Exists(folder)) Assert.Ignore($"{folder} is missing: the real NCT-CRC-HE patches are needed");
            return folder;
        }
    }
}
