using HOptimus.Core;

namespace HOptimus.Cli.Verbs;

/// <summary>
/// Finds the checkout that holds jobs/ (scripts, profiles, pipelines): HOPT_REPO if set, else the
/// first folder above the current directory or above the executable (artifacts/publish/) that has
/// jobs/common.sh.
/// </summary>
public sealed record RepoLayout(string Root)
{
    public string Jobs => Path.Combine(Root, "jobs");
    public string Profiles => Path.Combine(Jobs, "profiles");

    public static RepoLayout Find()
    {
        if (Environment.GetEnvironmentVariable("HOPT_REPO") is { Length: > 0 } env) return new RepoLayout(Path.GetFullPath(env));
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "jobs", "common.sh"))) return new RepoLayout(dir.FullName);
        throw HoptException.Usage("cannot find the checkout (a folder with jobs/common.sh) above the current directory or hopt; set HOPT_REPO");
    }
}
