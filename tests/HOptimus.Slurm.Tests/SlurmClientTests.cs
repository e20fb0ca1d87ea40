using HOptimus.Core;
using HOptimus.Slurm.Process;
using HOptimus.Slurm.Submission;
using HOptimus.Slurm.Tests.Support;

namespace HOptimus.Slurm.Tests;

/// <summary>The retry policy of sbatch, against a FAKE sbatch that answers what a real controller says.</summary>
public class SlurmClientTests
{
    private static readonly string[] Transient =
    [
        "sbatch: error: Batch job submission failed: Socket timed out on send/recv operation",
        "sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)",
        "sbatch: error: Slurm temporarily unable to accept job, sleeping and retrying",
    ];

    [TestCaseSource(nameof(Transient))]
    public void Transient_failures_are_retried_until_sbatch_answers(string message)
    {
        var fake = new FakeSlurmRunner().Error("sbatch", message).Error("sbatch", message).Ok("sbatch", "42\n");
        var id = Fixtures.Client(fake).Submit("pack", ["x.sbatch"]);
        Assert.That(id.Value, Is.EqualTo(42));
        Assert.That(fake.CallsTo("sbatch").Count(), Is.EqualTo(3));
    }

    [TestCase("sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified")]
    [TestCase("sbatch: error: Batch job submission failed: Invalid qos specification")]
    [TestCase("sbatch: error: Batch job submission failed: Invalid partition name specified")]
    public void Permanent_failures_fail_at_once_quoting_Slurm(string message)
    {
        var fake = new FakeSlurmRunner().Error("sbatch", message).Ok("sbatch", "42\n");
        var e = Assert.Throws<SlurmCommandException>(() => Fixtures.Client(fake).Submit("pack", ["x.sbatch"]))!;
        Assert.That(fake.CallsTo("sbatch").Count(), Is.EqualTo(1));
        Assert.That(e.Message, Does.Contain(message));
        Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(e.Transient, Is.False);
    }

    [Test]
    public void A_controller_down_past_the_retry_budget_is_reported_as_a_temporary_failure()
    {
        var fake = new FakeSlurmRunner { Defaults = { ["sbatch"] = new ProcessResult(1, "", "Unable to contact slurm controller (connect failure)") } };
        var e = Assert.Throws<SlurmCommandException>(() => Fixtures.Client(fake, retries: 3).Submit("train", ["x.sbatch"]))!;
        Assert.That(fake.CallsTo("sbatch").Count(), Is.EqualTo(4), "1 attempt + 3 retries");
        Assert.That(e.Message, Does.Contain("still failing after the retry budget").And.Contain("Unable to contact slurm controller"));
        Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.Requeue));
    }

    [Test]
    public void An_empty_id_with_exit_0_is_not_retried_and_not_accepted()
    {
        var fake = new FakeSlurmRunner().Ok("sbatch", "");
        Assert.Throws<HoptException>(() => Fixtures.Client(fake).Submit("pack", ["x.sbatch"]));
        Assert.That(fake.CallsTo("sbatch").Count(), Is.EqualTo(1));
    }

    [Test]
    public void Real_runner_passes_argv_without_a_shell()
    {
        var dir = Fixtures.NewRunDirectory();
        Directory.CreateDirectory(dir);
        var marker = Path.Combine(dir, "pwned");
        var hostile = $"$(touch {marker}); `touch {marker}` ; touch {marker}";
        var result = new SystemProcessRunner().Run("/bin/echo", [hostile], new ProcessSettings(dir));
        Assert.That(result.Stdout.TrimEnd('\n'), Is.EqualTo(hostile));
        Assert.That(File.Exists(marker), Is.False);
    }

    [Test]
    public void Real_runner_turns_a_hung_command_into_a_transient_time_out()
    {
        var result = new SystemProcessRunner().Run("/bin/sleep", ["30"], new ProcessSettings(Timeout: TimeSpan.FromMilliseconds(200)));
        Assert.That(result.Succeeded, Is.False);
        Assert.That(SlurmErrors.IsTransient(result.Message), Is.True);
    }
}
