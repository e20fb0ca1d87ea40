using System.Diagnostics;
using System.Text.RegularExpressions;
using HOptimus.Integration.Tests.Support;
using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Submission;

namespace HOptimus.Integration.Tests.Cli;

/// <summary>
/// A controller that does not answer during a submission. The real sbatch is pointed (SLURM_CONF) at
/// a copy of the cluster's slurm.conf whose SlurmctldPort has no listener, so it fails exactly as with
/// a stopped slurmctld ("Unable to contact slurm controller (connect failure)"); restoring the port
/// is the controller coming back. This leaves the shared cluster's daemons alone.
/// </summary>
[NonParallelizable]
public class ControllerRetryTests
{
    private string _folder = "";
    private string _conf = "";
    private string _realConf = "";

    [SetUp]
    public void Unreachable()
    {
        LocalSlurm.RequireCluster();
        _folder = Repo.NewRunDirectory("cli-retry");
        var source = Environment.GetEnvironmentVariable("SLURM_CONF") ?? "/etc/slurm/slurm.conf";
        _realConf = File.ReadAllText(source);
        Assert.That(_realConf, Does.Match(@"(?m)^SlurmctldPort="), $"{source} names no SlurmctldPort");
        _conf = Path.Combine(_folder, "slurm.conf");
        File.WriteAllText(_conf, Regex.Replace(_realConf, @"(?m)^SlurmctldPort=.*$", "SlurmctldPort=1"));
    }

    private string Pipeline(string run) => Hopt.Pipeline(_folder, $$"""
        { "name": "itretry", "runDirectory": {{Hopt.JsonString(run)}}, "project": "hopt",
          "stages": { "train": { "gpusPerNode": 1, "timeMinutes": 5 } } }
        """);

    private Process Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Hopt.Executable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repo.Root,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["SLURM_CONF"] = _conf;
        return Process.Start(info)!;
    }

    [Test]
    public void A_submit_while_the_controller_is_unreachable_is_retried_until_it_returns()
    {
        var run = Path.Combine(_folder, "run");
        using var hopt = Start(["submit", "--profile", "local", "--pipeline", Pipeline(run), "--jobs", StandInJobs.Create(_folder)]);
        var stderr = hopt.StandardError.ReadToEndAsync();
        var stdout = hopt.StandardOutput.ReadToEndAsync();
        Thread.Sleep(TimeSpan.FromSeconds(5));
        Assert.That(File.Exists(Path.Combine(run, "jobs.json")), Is.False, "nothing can be submitted yet");
        // The controller is back: atomically restore the real port.
        File.WriteAllText(_conf + ".new", _realConf);
        File.Move(_conf + ".new", _conf, overwrite: true);
        Assert.That(hopt.WaitForExit(TimeSpan.FromMinutes(2)), Is.True, "hopt submit did not finish");
        Assert.That(hopt.ExitCode, Is.Zero, stderr.Result + stdout.Result);
        Assert.That(stderr.Result, Does.Contain("Slurm did not answer").And.Contain("Unable to contact slurm controller"));
        var id = ChainRecord.Read(run).Stages.Single().Current.JobId;
        var rows = ClusterWait.UntilEnded([id], TimeSpan.FromMinutes(1));
        Assert.That(rows.Single().State, Is.EqualTo(JobState.Completed));
    }

    [Test]
    public void A_controller_that_never_returns_is_reported_after_the_retry_budget()
    {
        var run = Path.Combine(_folder, "run");
        var profile = Path.Combine(_folder, "impatient.json");
        File.WriteAllText(profile, File.ReadAllText(Path.Combine(Repo.Jobs, "profiles", "local.json"))
            .Replace("\"submitRetry\": { \"maxRetries\": 8, \"baseDelaySeconds\": 1, \"maxDelaySeconds\": 8 }",
                     "\"submitRetry\": { \"maxRetries\": 1, \"baseDelaySeconds\": 0.2, \"maxDelaySeconds\": 0.2 }"));
        Assert.That(File.ReadAllText(profile), Does.Contain("\"maxRetries\": 1"), "the local profile's retry block changed; update this test");
        using var hopt = Start(["submit", "--profile", profile, "--pipeline", Pipeline(run), "--jobs", StandInJobs.Create(_folder)]);
        var stderr = hopt.StandardError.ReadToEndAsync();
        Assert.That(hopt.WaitForExit(TimeSpan.FromMinutes(2)), Is.True, "hopt submit did not give up");
        Assert.That(hopt.ExitCode, Is.EqualTo(75), stderr.Result);
        Assert.That(stderr.Result, Does.Contain("retry 1/1")
            .And.Contain("train: sbatch failed (still failing after the retry budget): sbatch: error: Batch job submission failed: Unable to contact slurm controller")
            .And.Contain("nothing was queued"));
        Assert.That(File.Exists(Path.Combine(run, "jobs.json")), Is.False);
    }
}
