using System.Diagnostics;

namespace HOptimus.Model.Tests;

/// <summary>Runs Debian's /usr/bin/python3 (numpy) on the interop scripts; ignores the test where it is missing.</summary>
internal static class PythonInterop
{
    public const string Python = "/usr/bin/python3";

    public static string Script(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Interop", name);

    public static (int ExitCode, string Output) Run(params string[] args)
    {
        if (!File.Exists(Python)) Assert.Ignore($"{Python} is missing: the interop check needs Debian's python3-numpy");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var output = stdout.Result + stderr;
        if (output.Contains("No module named 'numpy'")) Assert.Ignore($"{Python} has no numpy (apt python3-numpy)");
        return (process.ExitCode, output);
    }
}
