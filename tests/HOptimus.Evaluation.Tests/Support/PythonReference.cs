using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HOptimus.Evaluation.Tests.Support;

/// <summary>
/// Runs a reference script under Debian's /usr/bin/python3 (numpy + sklearn from python3-sklearn) in a temp
/// folder and returns its JSON output. Ignores the test, saying why, where that interpreter or sklearn is missing.
/// </summary>
public sealed class PythonReference : IDisposable
{
    private const string Python = "/usr/bin/python3";

    public PythonReference()
    {
        if (!File.Exists(Python)) Assert.Ignore($"{Python} is missing: the sklearn reference cannot run");
        Folder = Directory.CreateTempSubdirectory("hopt-eval-ref-").FullName;
    }

    public string Folder { get; }

    public string WriteMatrix(string name, IEnumerable<IEnumerable<double>> rows)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllLines(path, rows.Select(r => string.Join(',', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        return path;
    }

    public string WriteVector(string name, IEnumerable<int> values) =>
        WriteMatrix(name, values.Select(v => new double[] { v }));

    public JsonElement Run(string script)
    {
        var scriptPath = Path.Combine(Folder, "reference.py");
        File.WriteAllText(scriptPath, "import sys, json\nimport numpy as np\n" + script);
        var start = new ProcessStartInfo(Python, [scriptPath])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (stderr.Contains("No module named 'sklearn'"))
            Assert.Ignore("python3-sklearn is not installed: the sklearn reference cannot run");
        Assert.That(process.ExitCode, Is.Zero, $"reference script failed:\n{stderr}");
        return JsonDocument.Parse(stdout.Result).RootElement;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
