using System.Globalization;
using HOptimus.Integration.Tests.Support;
using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Submission;

namespace HOptimus.Integration.Tests.Cli;

/// <summary>`hopt submit | status | report | resubmit` on the real local cluster (scripts/slurm-local).</summary>
[NonParallelizable]
public class SubmitChainTests
{
    [SetUp]
    public void Cluster() => LocalSlurm.RequireCluster();

    private static string Pipeline(string folder, string name, string run) => Hopt.Pipeline(folder, $$"""
        {
          "name": "{{name}}",
          "runDirectory": {{Hopt.JsonString(run)}},
          "project": "hopt",
          "binDirectory": {{Hopt.JsonString(AppContext.BaseDirectory.TrimEnd('/'))}},
          "stages": {
            "pack": { "arrayTasks": 2, "arrayConcurrency": 2, "timeMinutes": 5 },
            "train": { "gpusPerNode": 1, "timeMinutes": 5, "signalMarginSeconds": 60, "config": { "note": "$(touch pwned) `id`; x" } },
            "report": { "timeMinutes": 5 }
          }
        }
        """);

    [Test]
    public void A_chain_with_a_hostile_run_path_runs_requeues_and_is_reported_counting_every_attempt()
    {
        var folder = Repo.NewRunDirectory("cli-chain");
        // Spaces, quotes, $(...), backticks and ';' in the path: inert, because they only ever travel as argv and "$HOPT_RUN".
        var run = Path.Combine(folder, "it's a run; $(touch pwned) `touch pwned`");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "requeue-once"), "");
        var jobs = StandInJobs.Create(folder);

        var submit = Hopt.Run(["submit", "--profile", "local", "--pipeline", Pipeline(folder, "itchain", run), "--jobs", jobs]);
        Assert.That(submit.ExitCode, Is.Zero, submit.Output);
        var chain = ChainRecord.Read(run);
        Assert.That(chain.Stages.Select(s => s.Stage.ToString()), Is.EqualTo(new[] { "Pack", "Train", "Report" }));
        var ids = chain.Stages.Select(s => s.Current.JobId).ToList();

        var rows = ClusterWait.UntilEnded(ids, TimeSpan.FromMinutes(3), ClusterWait.ReleaseRequeued, (ids[0], 2));

        Assert.That(rows.Where(r => r.Name == "itchain.pack").Select(r => r.State), Is.EqualTo(new[] { JobState.Completed, JobState.Completed }));
        Assert.That(rows.Where(r => r.Name == "itchain.train").Select(r => r.State), Is.EqualTo(new[] { JobState.Requeued, JobState.Completed }));
        Assert.That(rows.Single(r => r.Name == "itchain.report").State, Is.EqualTo(JobState.Completed),
            File.Exists(Path.Combine(run, "logs", $"report-{ids[2]}.out")) ? File.ReadAllText(Path.Combine(run, "logs", $"report-{ids[2]}.out")) : "no report log");
        Assert.That(File.ReadAllText(Path.Combine(run, "proof", "pack-1")).TrimEnd('\n'), Is.EqualTo(run), "HOPT_RUN arrives verbatim");
        Assert.That(File.ReadAllText(Path.Combine(run, "proof", "train")).TrimEnd('\n'), Is.EqualTo(run));
        using (var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config", "train.json"))))
            Assert.That(config.RootElement.GetProperty("note").GetString(), Is.EqualTo("$(touch pwned) `id`; x"), "config values reach the stage as data");
        foreach (var dir in new[] { Repo.Root, folder, run, Path.GetTempPath() })
            Assert.That(File.Exists(Path.Combine(dir, "pwned")), Is.False, $"something executed a value: {dir}/pwned exists");
        Assert.That(File.Exists(Path.Combine(run, "report", "report.md")), Is.True, "the report job (afterany) wrote the run's report");

        var status = Hopt.Run(["status", run]);
        Assert.That(status.ExitCode, Is.Zero, status.Output);
        var trainLine = status.StdOut.Split('\n').Single(l => l.StartsWith("train"));
        Assert.That(trainLine, Does.Contain("COMPLETED").And.Contain("1 (1 requeued, 0 resubmitted)").And.Contain(ids[1]));

        var outDir = Path.Combine(folder, "report-now");
        var report = Hopt.Run(["report", "--run", run, "--allocation", "10", "--out", outDir]);
        Assert.That(report.ExitCode, Is.Zero, report.Output);
        var csv = File.ReadAllLines(Path.Combine(outDir, "report.csv"));
        Assert.That(csv.Count(l => l.StartsWith(ids[1] + ",")), Is.EqualTo(2), "both attempts of the requeued train job are charged");
        // The charge rule worked out independently: a gpu_p6 job holds max(GPUs/4, CPUs/2) of the node's 4 GPUs.
        var expected = rows.Where(r => r.Partition == "gpu_p6")
            .Sum(r => Math.Max(r.Gpus / 4.0, r.Cpus / 2.0) * 4 * r.ElapsedSeconds / 3600);
        Assert.That(expected, Is.GreaterThan(0));
        var used = double.Parse(report.StdOut.Split('\n').Single(l => l.StartsWith("| used |")).Split('|')[2], CultureInfo.InvariantCulture);
        Assert.That(used, Is.EqualTo(expected).Within(0.0005));
        Assert.That(File.ReadAllBytes(Path.Combine(outDir, "burndown.png")).Take(4), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
    }

    [Test]
    public void A_failing_pack_task_makes_dependants_end_and_resubmit_leaves_the_failure_to_the_operator()
    {
        var folder = Repo.NewRunDirectory("cli-fail");
        var run = Path.Combine(folder, "run");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "fail-task-1"), "");
        var jobs = StandInJobs.Create(folder);
        var submit = Hopt.Run(["submit", "--profile", "local", "--pipeline", Pipeline(folder, "itfail", run), "--jobs", jobs]);
        Assert.That(submit.ExitCode, Is.Zero, submit.Output);
        var chain = ChainRecord.Read(run);
        var ids = chain.Stages.Select(s => s.Current.JobId).ToList();

        // Without --kill-on-invalid-dep=yes the train job would stay PENDING (DependencyNeverSatisfied) for ever.
        var rows = ClusterWait.UntilEnded(ids, TimeSpan.FromMinutes(2), arrayTasks: (ids[0], 2));
        var seen = string.Join(", ", rows.Select(r => $"{r.JobId}={r.StateText}"));
        Assert.That(rows.Where(r => r.JobId == $"{ids[0]}_1").Select(r => r.State), Is.EqualTo(new[] { JobState.Failed }), seen);
        var train = rows.Single(r => r.MasterId == ids[1]);
        Assert.That((train.State, train.Ran), Is.EqualTo((JobState.Cancelled, false)));
        Assert.That(rows.Single(r => r.MasterId == ids[2]).State.IsActive(), Is.False, "the afterany report still ran");

        var before = File.ReadAllText(Path.Combine(run, "jobs.json"));
        var resubmit = Hopt.Run(["resubmit", run]);
        Assert.That(resubmit.ExitCode, Is.EqualTo(4), resubmit.Output);
        Assert.That(resubmit.StdOut, Does.Contain("blocked").And.Contain($"job {ids[0]}_1 ended FAILED with exit code 3:0").And.Contain("nothing to resubmit"));
        Assert.That(File.ReadAllText(Path.Combine(run, "jobs.json")), Is.EqualTo(before));

        // The operator fixes the cause and asks again: only the failed task runs, and the chain behind it.
        File.Delete(Path.Combine(run, "fail-task-1"));
        var retry = Hopt.Run(["resubmit", run, "--retry-failed"]);
        Assert.That(retry.ExitCode, Is.Zero, retry.Output);
        var again = ChainRecord.Read(run);
        Assert.That(again.Stages.Select(s => s.Jobs.Count), Is.EqualTo(new[] { 2, 2, 2 }));
        Assert.That(again.Stages[0].Current.Arguments, Does.Contain("--array=1%2"));
        var newIds = again.Stages.Select(s => s.Current.JobId).ToList();
        var rerun = ClusterWait.UntilEnded(newIds, TimeSpan.FromMinutes(2), arrayTasks: (newIds[0], 1));
        Assert.That(rerun.Where(r => r.MasterId == newIds[1]).Select(r => r.State), Is.EqualTo(new[] { JobState.Completed }));
        Assert.That(Hopt.Run(["resubmit", run]).StdOut, Does.Contain("nothing to resubmit"), "a second call submits nothing");
    }

    [TestCase("name", "x$(id)", "name: 'x$(id)' must be 1-64 characters")]
    [TestCase("runDirectory", "/tmp/a\nb", "runDirectory: '/tmp/a\\nb' contains a control character")]
    [TestCase("project", "hopt;id", "project: 'hopt;id' must be letters")]
    public void Hostile_values_are_refused_before_anything_is_submitted(string key, string value, string expected)
    {
        var folder = Repo.NewRunDirectory("cli-refuse");
        var run = Path.Combine(folder, "run");
        var path = Pipeline(folder, "itrefuse", run);
        var result = Hopt.Run(["submit", "--profile", "local", "--pipeline", path, "--jobs", StandInJobs.Create(folder), "--set", $"{key}={value}"]);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
        Assert.That(result.StdErr, Does.Contain(expected));
        Assert.That(result.StdErr, Does.Not.Contain("   at "), "an error message, not a stack trace");
        Assert.That(Directory.Exists(run), Is.False, "nothing written, nothing submitted");
    }
}
