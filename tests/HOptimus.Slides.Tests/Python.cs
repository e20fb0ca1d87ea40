using System.Diagnostics;

namespace HOptimus.Slides.Tests;

/// <summary>Debian's /usr/bin/python3 (python3-openslide, numpy) as the reference reader.</summary>
internal static class Python
{
    public const string Interpreter = "/usr/bin/python3";

    public static string RunOk(string script, params string[] args)
    {
        if (!File.Exists(Interpreter)) Assert.Ignore($"{Interpreter} not found");
        var start = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0 && stderr.Contains("ModuleNotFoundError")) Assert.Ignore($"python module missing: {stderr.Trim()}");
        Assert.That(p.ExitCode, Is.Zero, stderr);
        return stdout.Result;
    }
}
