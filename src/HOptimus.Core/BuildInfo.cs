using System.Reflection;

namespace HOptimus.Core;

/// <summary>Version and git SHA stamped at publish time (scripts/publish sets SourceRevisionId).</summary>
public static class BuildInfo
{
    public static string Version { get; } =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static string GitSha => Version.Contains('+') ? Version[(Version.IndexOf('+') + 1)..] : "unknown";
}
