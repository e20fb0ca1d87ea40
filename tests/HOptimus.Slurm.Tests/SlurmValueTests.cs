using HOptimus.Core;
using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Submission;
using HOptimus.Slurm.Tests.Support;

namespace HOptimus.Slurm.Tests;

/// <summary>Security: every value that reaches sbatch is validated, and nothing is ever run through a shell.</summary>
public class SlurmValueTests
{
    private static readonly string[] Hostile = ["run$(touch pwned)", "run`id`", "run;rm -rf x", "run name", "run\nname", "run|x", "a'b", "-x"];

    [TestCaseSource(nameof(Hostile))]
    public void Job_names_refuse_shell_syntax_whitespace_and_control_characters(string name)
    {
        var errors = SlurmValue.Check("name", name, SlurmValue.Kind.Name).ToList();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith("name: "));
    }

    [TestCase("/scratch/runs/with space/$(touch pwned)/`id`/;x")]
    [TestCase("/scratch/it's \"quoted\"")]
    [TestCase("/scratch/a,HOPT_BIN=/evil")]
    public void Paths_with_spaces_quotes_substitutions_and_semicolons_are_allowed_because_they_stay_inert(string path) =>
        Assert.That(SlurmValue.Check("runDirectory", path, SlurmValue.Kind.Path), Is.Empty);

    [TestCase("/scratch/a\nb", "control character (\\n)")]
    [TestCase("/scratch/a\rb", "control character (\\r)")]
    [TestCase("/scratch/a\u0007b", "control character (\\x07)")]
    [TestCase("/scratch/%j", "sbatch would expand")]
    [TestCase("relative/run", "absolute path")]
    public void Paths_refuse_what_Slurm_would_reparse(string path, string expected)
    {
        var errors = SlurmValue.Check("runDirectory", path, SlurmValue.Kind.Path).ToList();
        Assert.That(errors, Has.Some.Contains(expected));
        Assert.That(errors, Has.All.Not.Contains("\n"), "a hostile value must not break the message's lines");
    }

    [TestCase("abc@h100", true)]
    [TestCase("qos_gpu_h100-t3", true)]
    [TestCase("abc@h100;id", false)]
    [TestCase("abc h100", false)]
    [TestCase("$(id)", false)]
    public void Accounts_qos_and_partitions_are_plain_tokens(string value, bool ok) =>
        Assert.That(SlurmValue.Check("qos", value, SlurmValue.Kind.Token), ok ? Is.Empty : Is.Not.Empty);

    [Test]
    public void A_pipeline_with_hostile_values_is_refused_listing_every_bad_key()
    {
        var spec = Fixtures.Pipeline("/tmp/ok") with
        {
            Name = "x$(id)",
            Project = "abc;rm",
            RunDirectory = "/tmp/a\nb",
            Stages = Fixtures.Pipeline("/tmp/ok").Stages with { Train = new StageSpec { Qos = "t3`id`" } },
        };
        var e = Assert.Throws<HoptException>(() => spec.Validated())!;
        Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(e.Message, Does.Contain("name:").And.Contain("project:").And.Contain("runDirectory:").And.Contain("stages.train.qos:"));
    }

    [Test]
    public void A_hostile_run_path_travels_verbatim_in_the_environment_and_one_argument()
    {
        // A quote or comma inside --export=NAME=value would be parsed by sbatch (regression: a run
        // path with "it's" swallowed the following variables), so the path goes in sbatch's environment.
        var run = "/tmp/it's a run,HOPT_BIN=x/$(touch pwned) `id`; echo x";
        var plan = ChainPlan.Build(Fixtures.Profile("local"), Fixtures.Pipeline(run, "hopt") with
        {
            Stages = new PipelineStages { Train = new StageSpec { GpusPerNode = 1, TimeMinutes = 10 } },
        }, Fixtures.JobsFolder());
        var args = plan.Stages[0].Arguments;
        Assert.That(args, Does.Contain("--export=ALL"));
        Assert.That(args.Where(a => a.StartsWith("--export")), Has.Exactly(1).Items);
        Assert.That(plan.Run.Environment["HOPT_RUN"], Is.EqualTo(run));
        Assert.That(plan.Run.Environment["HOPT_PROFILE"], Is.EqualTo("local"));
        Assert.That(args, Does.Contain($"--output={run}/logs/train-%j.out"));
    }

    [TestCase("simple-arg", "simple-arg")]
    [TestCase("it's", "'it'\\''s'")]
    [TestCase("$(id)", "'$(id)'")]
    [TestCase("a b", "'a b'")]
    public void Dry_run_display_quotes_for_bash(string arg, string shown) => Assert.That(ShellQuote.Quote(arg), Is.EqualTo(shown));
}
