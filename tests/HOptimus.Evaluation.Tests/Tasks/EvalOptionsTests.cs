using HOptimus.Core;
using HOptimus.Evaluation.Metrics;
using HOptimus.Evaluation.Tasks;

namespace HOptimus.Evaluation.Tests.Tasks;

public class EvalOptionsTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("hopt-eval-opt-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, true);

    /// <summary>Writes <paramref name="json"/> as the "Eval" section of a config file.</summary>
    private string Write(string json) => WriteFile($$"""{ "Eval": {{json}} }""");

    private string WriteFile(string text)
    {
        var path = Path.Combine(_folder, $"eval-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Kebab_case_json_binds_to_typed_options()
    {
        var path = Write("""
            {
              "backbones": [ { "name": "ours", "path": "exports/vit-tiny" }, { "name": "rand", "random": "vit-tiny", "seed": 3 } ],
              "tasks": [ {
                "name": "crc",
                "dataset": { "images": "patches", "patientColumn": "case" },
                "split": { "kind": "folds", "folds": 4, "groupBy": "slide" },
                "protocols": [ "knn" ],
                "metrics": [ "balanced-accuracy", "auroc" ],
                "linear": { "selectBy": "macro-f1", "inverseStrengths": [ 0.1, 1 ] },
                "knn": { "k": 5 }
              } ],
              "bootstrap": { "resamples": 200 }
            }
            """);
        var options = EvalOptions.Load([path], []);
        var task = options.EffectiveTasks.Single();
        Assert.Multiple(() =>
        {
            Assert.That(options.EffectiveBackbones.Select(b => b.Name), Is.EqualTo(new[] { "ours", "rand" }));
            Assert.That(options.EffectiveBackbones[1].Seed, Is.EqualTo(3));
            Assert.That(task.Split.Kind, Is.EqualTo(SplitKind.Folds));
            Assert.That(task.Split.GroupBy, Is.EqualTo(GroupBy.Slide));
            Assert.That(task.EffectiveProtocols, Is.EqualTo(new[] { Protocol.Knn }));
            Assert.That(task.EffectiveMetrics, Is.EqualTo(new[] { Metric.BalancedAccuracy, Metric.Auroc }));
            Assert.That(task.Linear.SelectBy, Is.EqualTo(Metric.MacroF1));
            Assert.That(task.Linear.EffectiveInverseStrengths, Is.EqualTo(new[] { 0.1, 1 }));
            Assert.That(task.Knn.K, Is.EqualTo(5));
            Assert.That(task.Knn.Temperature, Is.EqualTo(0.07));
            Assert.That(task.Dataset.PatientColumn, Is.EqualTo("case"));
            Assert.That(options.Bootstrap.Resamples, Is.EqualTo(200));
        });
    }

    [Test]
    public void Printed_config_reads_back_the_same()
    {
        var options = EvalOptions.Load([Write("""
            { "backbones": [ { "name": "a", "random": "vit-small" } ],
              "tasks": [ { "name": "t", "dataset": { "shards": [ "tiles/*.h5" ] }, "metrics": [ "macro-f1" ] } ] }
            """)], []);
        var printed = options.ToConfigJson();
        var again = EvalOptions.Load([WriteFile(printed)], []);
        Assert.That(again.ToConfigJson(), Is.EqualTo(printed));
        Assert.That(printed, Does.Contain("\"macro-f1\""));
    }

    [Test]
    public void Set_overrides_default_to_the_eval_section_and_stage_environment_variables_are_ignored()
    {
        var path = Write("""{ "tasks": [ { "name": "t", "dataset": { "images": "x" } } ] }""");
        // jobs/common.sh exports HOPT_RUN and HOPT_BIN: they must not read as unknown config keys.
        Environment.SetEnvironmentVariable("HOPT_RUN", "/somewhere");
        try
        {
            var options = EvalOptions.Load([path], ["BatchSize=8", "Eval:Bootstrap:Seed=4"]);
            Assert.That((options.BatchSize, options.Bootstrap.Seed), Is.EqualTo((8, 4)));
        }
        finally
        {
            Environment.SetEnvironmentVariable("HOPT_RUN", null);
        }
    }

    [Test]
    public void Every_bad_value_is_reported_at_once_naming_its_key()
    {
        var path = Write("""
            { "tasks": [ { "name": "bad name", "dataset": { }, "split": { "train": 0.9, "validation": 0.2, "test": 0.2 },
                           "knn": { "k": 0 }, "linear": { "inverseStrengths": [ -1 ] } } ],
              "batchSize": 0, "device": "tpu" }
            """);
        var error = Assert.Throws<HoptException>(() => EvalOptions.Load([path], []))!;
        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.Usage));
        foreach (var expected in new[] { "tasks[bad name].name", "tasks[bad name].dataset: set exactly one",
                                         "split: train + validation + test must be 1", "knn.k", "linear.inverseStrengths", "batchSize", "device" })
            Assert.That(error.Message, Does.Contain(expected));
    }

    [Test]
    public void Unknown_enum_value_names_the_value_and_the_choices()
    {
        var converter = System.ComponentModel.TypeDescriptor.GetConverter(typeof(Metric));
        var error = Assert.Throws<FormatException>(() => converter.ConvertFromInvariantString("precision"))!;
        Assert.That(error.Message, Does.Contain("'precision' is not one of").And.Contain("balanced-accuracy"));
        Assert.That(converter.ConvertFromInvariantString("BalancedAccuracy"), Is.EqualTo(Metric.BalancedAccuracy));
    }

    [Test]
    public void Unknown_enum_value_in_a_config_file_is_a_usage_error()
    {
        var path = Write("""{ "tasks": [ { "name": "t", "metrics": [ "precision" ] } ] }""");
        var error = Assert.Throws<HoptException>(() => EvalOptions.Load([path], []))!;
        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.Message, Does.Contain("precision"));
        Assert.That(error.Message, Does.Contain("balanced-accuracy"));
    }

    [Test]
    public void Backbones_come_from_the_config_or_the_command_line_and_at_least_one_is_required()
    {
        var options = EvalOptions.Load([Write("""{ "tasks": [ { "name": "t", "dataset": { "images": "x" } } ] }""")], []);
        var error = Assert.Throws<HoptException>(() => options.WithCommandLineBackbones([]))!;
        Assert.That(error.Message, Does.Contain("backbones: none given"));
        var merged = options.WithCommandLineBackbones([BackboneSpec.Parse("a=exports/a"), BackboneSpec.Parse("b=random:vit-tiny")]);
        Assert.That(merged.EffectiveBackbones.Select(b => b.Name), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(Assert.Throws<HoptException>(() => merged.WithCommandLineBackbones([BackboneSpec.Parse("a=other")]))!.Message,
            Does.Contain("name 'a' is used twice"));
    }

    [Test]
    public void Backbone_flag_parses_exports_and_random_presets()
    {
        Assert.That(BackboneSpec.Parse("ours=exports/a"), Is.EqualTo(new BackboneSpec { Name = "ours", Path = "exports/a" }));
        Assert.That(BackboneSpec.Parse("r=random:vit-small"), Is.EqualTo(new BackboneSpec { Name = "r", Random = "vit-small" }));
        Assert.Throws<HoptException>(() => BackboneSpec.Parse("no-equals-sign"));
    }
}
