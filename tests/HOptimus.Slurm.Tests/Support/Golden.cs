namespace HOptimus.Slurm.Tests.Support;

/// <summary>Compares text with a golden file; HOPT_UPDATE_GOLDEN=1 (re)writes the file in the source tree instead.</summary>
public static class Golden
{
    public static void Check(string name, string actual)
    {
        var source = Path.Combine(Fixtures.GoldenSource, name);
        if (Environment.GetEnvironmentVariable("HOPT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual);
            Assert.Warn($"golden file {name} rewritten");
            return;
        }
        if (!File.Exists(source)) Assert.Fail($"golden file {source} is missing: run the tests once with HOPT_UPDATE_GOLDEN=1 and review it");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(source)), $"differs from {source}");
    }
}
