using System.Diagnostics;

namespace HOptimus.Tiles.Tests;

/// <summary>Runs Debian's /usr/bin/python3 (the one with h5py, numpy, PIL) for interop checks.</summary>
internal static class Python
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Ignores the test, with the reason, when the interpreter or a module is missing.</summary>
    public static void RequireModules(params string[] modules)
    {
        if (!File.Exists(Interpreter)) Assert.Ignore($"{Interpreter} not found: install python3-h5py python3-pil");
        var (code, _, err) = Run($"import {string.Join(", ", modules)}");
        if (code != 0) Assert.Ignore($"{Interpreter} lacks {string.Join(", ", modules)}: {err.Trim()}");
    }

    public static (int Code, string Stdout, string Stderr) Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string RunOk(string script, params string[] args)
    {
        var (code, stdout, stderr) = Run(script, args);
        Assert.That(code, Is.Zero, $"python failed:\n{stderr}");
        return stdout;
    }
}
