using HOptimus.Core;

namespace HOptimus.Core.Tests;

public class ConfigLoaderTests
{
    public sealed class SampleOptions : IValidatable
    {
        /// <summary>Learning rate; default 1e-3.</summary>
        public double Lr { get; init; } = 1e-3;
        /// <summary>Batch size per rank; default 8.</summary>
        public int Batch { get; init; } = 8;
        public string Name { get; init; } = "x";

        public IEnumerable<string> Validate() =>
            OptionsValidation.Positive("Lr", Lr).Concat(OptionsValidation.Positive("Batch", Batch));
    }

    private string _dir = "";
    [SetUp] public void SetUp() => _dir = Directory.CreateTempSubdirectory("hopt-config").FullName;
    [TearDown] public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string WriteJson(string json)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Test]
    public void OverridesWinOverFilesWhichWinOverDefaults()
    {
        var file = WriteJson("""{ "Lr": 0.5, "Batch": 4 }""");
        var options = ConfigLoader.Load<SampleOptions>([file], ["Batch=16"]);
        Assert.That((options.Lr, options.Batch, options.Name), Is.EqualTo((0.5, 16, "x")));
    }

    [Test]
    public void UnknownKeyIsAUsageErrorNamingIt()
    {
        var file = WriteJson("""{ "Lrr": 0.5 }""");
        var e = Assert.Throws<HoptException>(() => ConfigLoader.Load<SampleOptions>([file], []));
        Assert.That(e!.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(e.Message, Does.Contain("Lrr"));
    }

    [Test]
    public void EveryInvalidValueIsReportedAtOnce()
    {
        var e = Assert.Throws<HoptException>(() => ConfigLoader.Load<SampleOptions>([], ["Lr=-1", "Batch=0"]));
        Assert.That(e!.Message, Does.Contain("Lr: must be > 0").And.Contain("Batch: must be > 0"));
    }

    [Test]
    public void MissingFileAndMalformedOverrideAreNamed()
    {
        var missing = Path.Combine(_dir, "nope.json");
        Assert.That(Assert.Throws<HoptException>(() => ConfigLoader.Load<SampleOptions>([missing], []))!.Message, Does.Contain(missing));
        Assert.That(Assert.Throws<HoptException>(() => ConfigLoader.Load<SampleOptions>([], ["Lr"]))!.Message, Does.Contain("key=value"));
    }
}
