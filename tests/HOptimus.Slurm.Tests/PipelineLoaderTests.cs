using HOptimus.Core;
using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Profiles;
using HOptimus.Slurm.Tests.Support;

namespace HOptimus.Slurm.Tests;

public class PipelineLoaderTests
{
    private static string Write(string json)
    {
        var path = Path.Combine(Fixtures.NewRunDirectory(), "p.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    private const string Minimal = """
        { // comments are allowed
          "name": "r1", "runDirectory": "/tmp/r1",
          "stages": { "train": { "timeMinutes": 30, "config": { "optim": { "lr": 0.001 } } } }
        }
        """;

    [Test]
    public void Layers_and_set_overrides_apply_in_order()
    {
        var layer = Write("""{ "stages": { "train": { "nodes": 2, "timeMinutes": 45 } } }""");
        var spec = PipelineLoader.Load(Write(Minimal), [layer], ["stages.train.nodes=3", "project=abc"]);
        Assert.That((spec.Stages.Train!.Nodes, spec.Stages.Train.TimeMinutes, spec.Project), Is.EqualTo((3, 45, "abc")));
        Assert.That(spec.Stages.Train.Config!.Value.GetProperty("optim").GetProperty("lr").GetDouble(), Is.EqualTo(0.001));
    }

    [Test]
    public void Config_files_are_merged_under_the_inline_config()
    {
        var folder = Path.GetDirectoryName(Write("{}"))!;
        File.WriteAllText(Path.Combine(folder, "recipe.json"), """
            // a recipe, with comments
            { "Train": { "TotalSteps": 40, "Optim": { "BaseLr": 0.008, "WarmupSteps": 5 } } }
            """);
        var path = Path.Combine(folder, "pipeline.json");
        File.WriteAllText(path, """
            { "name": "r1", "runDirectory": "/tmp/r1",
              "stages": { "train": { "configFiles": ["recipe.json"], "config": { "Train": { "Optim": { "BaseLr": 0.001 } } } } } }
            """);
        var train = PipelineLoader.Load(path).Stages.Train!.Config!.Value.GetProperty("Train");
        Assert.That(train.GetProperty("TotalSteps").GetInt32(), Is.EqualTo(40));
        Assert.That(train.GetProperty("Optim").GetProperty("BaseLr").GetDouble(), Is.EqualTo(0.001));
        Assert.That(train.GetProperty("Optim").GetProperty("WarmupSteps").GetInt32(), Is.EqualTo(5));
    }

    [Test]
    public void Set_addresses_array_elements_by_index()
    {
        var path = Write("""{ "name": "r1", "runDirectory": "/tmp/r1", "stages": { "eval": { "config": { "Eval": { "Tasks": [ { "Name": "a" } ] } } } } }""");
        var spec = PipelineLoader.Load(path, overrides: ["stages.eval.config.Eval.Tasks.0.Dataset.Images=/data/p q"]);
        var task = spec.Stages.Eval!.Config!.Value.GetProperty("Eval").GetProperty("Tasks")[0];
        Assert.That(task.GetProperty("Name").GetString(), Is.EqualTo("a"));
        Assert.That(task.GetProperty("Dataset").GetProperty("Images").GetString(), Is.EqualTo("/data/p q"));
        Assert.That(Assert.Throws<HoptException>(() => PipelineLoader.Load(path, overrides: ["stages.eval.config.Eval.Tasks.3.Name=x"]))!.Message,
            Does.Contain("'3' is not an index of an array of 1"));
    }

    [Test]
    public void An_unknown_key_is_an_error_naming_it()
    {
        var e = Assert.Throws<HoptException>(() => PipelineLoader.Load(Write(Minimal.Replace("\"timeMinutes\"", "\"timeMinuts\""))))!;
        Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(e.Message, Does.Contain("timeMinuts"));
    }

    [Test]
    public void Every_bad_value_is_reported_at_once()
    {
        var e = Assert.Throws<HoptException>(() => PipelineLoader.Load(Write(Minimal),
            overrides: ["stages.train.nodes=0", "stages.train.arrayTasks=4", "stages.train.signalMarginSeconds=99999"]))!;
        Assert.That(e.Message, Does.Contain("stages.train.nodes: must be >= 1, got 0")
            .And.Contain("stages.train: arrayTasks/arrayConcurrency are for the pack stage only")
            .And.Contain("stages.train.signalMarginSeconds: must be in [1, timeMinutes*60), got 99999"));
    }

    [Test]
    public void Missing_and_malformed_files_are_named()
    {
        Assert.That(Assert.Throws<HoptException>(() => PipelineLoader.Load("/nope/p.json"))!.Message, Is.EqualTo("/nope/p.json: file not found"));
        var bad = Write("{ \"name\": ");
        Assert.That(Assert.Throws<HoptException>(() => PipelineLoader.Load(bad))!.Message, Does.StartWith($"{bad}: invalid JSON"));
    }

    [Test]
    public void The_repository_pipelines_load_and_fit_their_profiles()
    {
        var files = Directory.GetFiles(Path.Combine(Fixtures.RepoRoot, "jobs", "pipelines"), "*.json");
        Assert.That(files, Is.Not.Empty);
        foreach (var file in files)
        {
            var spec = PipelineLoader.Load(file);
            var profile = Path.GetFileName(file).Contains("jean-zay") ? "jean-zay-h100" : "local";
            Assert.DoesNotThrow(() => Submission.ChainPlan.Build(Fixtures.Profile(profile), spec, Fixtures.JobsFolder()), file);
        }
    }

    [Test]
    public void The_repository_profiles_are_valid_and_unknown_ones_are_named()
    {
        Assert.That(Fixtures.Profile("jean-zay-h100").Gpu.AccountFor("abc"), Is.EqualTo("abc@h100"));
        Assert.That(Fixtures.Profile("local").EnvName, Is.EqualTo("local"));
        var e = Assert.Throws<HoptException>(() => ClusterProfile.Load("nowhere", Fixtures.Profiles))!;
        Assert.That(e.Message, Does.Contain("known: jean-zay-h100, local"));
    }
}
