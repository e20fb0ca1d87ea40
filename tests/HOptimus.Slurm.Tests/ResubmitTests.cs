using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Resubmission;
using HOptimus.Slurm.Status;
using HOptimus.Slurm.Submission;
using HOptimus.Slurm.Tests.Support;

namespace HOptimus.Slurm.Tests;

public class ResubmitTests
{
    private static IReadOnlyList<StageStatus> Statuses(ChainRecord chain, string sacct, string squeue = "") =>
        ChainStatus.Build(chain, SacctParser.Parse(sacct), SqueueParser.Parse(squeue));

    private static string Recorded => Fixtures.Data("sacct-chain-train-timeout.txt");

    [Test]
    public void Timeout_resubmits_the_stage_and_its_cancelled_dependants_and_leaves_finished_ones()
    {
        var chain = Chains.Seed(Fixtures.NewRunDirectory());
        var plan = ResubmitPlanner.Plan(chain, Statuses(chain, Recorded));
        Assert.That(plan.Select(a => (a.Stage, a.Kind)), Is.EqualTo(new[]
        {
            (Stage.Pack, ResubmitKind.Keep), (Stage.Train, ResubmitKind.Resubmit), (Stage.Consolidate, ResubmitKind.Resubmit),
            (Stage.Eval, ResubmitKind.Resubmit), (Stage.Report, ResubmitKind.Resubmit),
        }));
        Assert.That(plan[1].Why, Is.EqualTo("ended TIMEOUT"));
        Assert.That(plan[2].Why, Does.Contain("cancelled before it started"));
    }

    [Test]
    public void Resubmission_rewires_dependants_onto_the_new_jobs_and_records_them()
    {
        var run = Fixtures.NewRunDirectory();
        Directory.CreateDirectory(run);
        var chain = Chains.Seed(run);
        var fake = new FakeSlurmRunner().Ok("sbatch", "411\n").Ok("sbatch", "421\n").Ok("sbatch", "431\n").Ok("sbatch", "441\n");
        var statuses = Statuses(chain, Recorded);
        var (updated, lines) = new Resubmitter(Fixtures.Client(fake), Serilog.Core.Logger.None)
            .Run(chain, ResubmitPlanner.Plan(chain, statuses), statuses, dryRun: false);
        var deps = fake.CallsTo("sbatch").Select(a => a.SingleOrDefault(x => x.StartsWith("--dependency=")) ?? "none").ToList();
        // pack completed long ago (its id may have left the controller): train depends on nothing.
        Assert.That(deps, Is.EqualTo(new[] { "none", "--dependency=afterok:411", "--dependency=afterok:421", "--dependency=afterany:411:421:431" }));
        Assert.That(fake.CallsTo("sbatch").First().Last(), Is.EqualTo("/jobs/train.sbatch"));
        Assert.That(fake.Environments.Select(e => e["HOPT_RUN"]), Is.All.EqualTo("/runs/seed1"), "the recorded environment is reused");
        Assert.That(lines, Has.Count.EqualTo(4));
        var saved = ChainRecord.Read(run);
        Assert.That(saved.Stages.Select(s => s.Current.JobId), Is.EqualTo(new[] { "300", "411", "421", "431", "441" }));
        Assert.That(saved.Stages[1].Jobs.Select(j => j.Reason), Is.EqualTo(new[] { "submit", "resubmit" }));
        Assert.That(updated, Is.EqualTo(saved).Using<ChainRecord>((a, b) => a.AllJobIds.SequenceEqual(b.AllJobIds)));
    }

    [Test]
    public void A_second_resubmit_submits_nothing()
    {
        var run = Fixtures.NewRunDirectory();
        Directory.CreateDirectory(run);
        var chain = Chains.Seed(run);
        var fake = new FakeSlurmRunner().Ok("sbatch", "411\n").Ok("sbatch", "421\n").Ok("sbatch", "431\n").Ok("sbatch", "441\n");
        var statuses = Statuses(chain, Recorded);
        var (updated, _) = new Resubmitter(Fixtures.Client(fake), Serilog.Core.Logger.None).Run(chain, ResubmitPlanner.Plan(chain, statuses), statuses, false);
        // Now sacct knows the new jobs: train runs, the rest wait on it.
        var later = Recorded + string.Join("\n",
            "411|411|root|hopt|gpu_p6|qos_gpu_h100-t3|RUNNING|0:0|2026-12-01T11:05:00|2026-12-01T11:05:01|Unknown|30|1|2|billing=2,cpu=2,gres/gpu=2,node=1|None|seed1.train",
            "421|421|root|hopt|cpu_p1|normal|PENDING|0:0|2026-12-01T11:05:00|Unknown|Unknown|0|1|1||Dependency|seed1.consolidate",
            "431|431|root|hopt|gpu_p6|qos_gpu_h100-t3|PENDING|0:0|2026-12-01T11:05:00|Unknown|Unknown|0|1|1||Dependency|seed1.eval",
            "441|441|root|hopt|cpu_p1|normal|PENDING|0:0|2026-12-01T11:05:00|Unknown|Unknown|0|1|1||Dependency|seed1.report") + "\n";
        var again = Statuses(updated, later);
        var plan = ResubmitPlanner.Plan(updated, again);
        Assert.That(plan.Select(a => a.Kind), Is.All.EqualTo(ResubmitKind.Keep));
        var (_, lines) = new Resubmitter(Fixtures.Client(fake), Serilog.Core.Logger.None).Run(updated, plan, again, false);
        Assert.That(lines, Is.Empty);
        Assert.That(fake.CallsTo("sbatch").Count(), Is.EqualTo(4));
        // And before sacct has caught up (jobs unknown yet), nothing either.
        Assert.That(ResubmitPlanner.Plan(updated, Statuses(updated, Recorded)).Select(a => a.Kind), Has.None.EqualTo(ResubmitKind.Resubmit));
    }

    [TestCase("FAILED|1:0", ResubmitKind.Blocked)]
    [TestCase("OUT_OF_MEMORY|0:125", ResubmitKind.Blocked)]
    [TestCase("FAILED|75:0", ResubmitKind.Resubmit)]
    [TestCase("PREEMPTED|0:0", ResubmitKind.Resubmit)]
    [TestCase("NODE_FAIL|1:0", ResubmitKind.Resubmit)]
    [TestCase("CANCELLED by 0|0:15", ResubmitKind.Resubmit)]
    [TestCase("COMPLETED|0:0", ResubmitKind.Keep)]
    public void Train_outcomes_decide_the_action(string stateAndExit, ResubmitKind expected)
    {
        var chain = Chains.Seed("/tmp/x");
        var sacct = Recorded.Replace("|TIMEOUT|0:0|", $"|{stateAndExit}|");
        var plan = ResubmitPlanner.Plan(chain, Statuses(chain, sacct));
        Assert.That(plan[1].Kind, Is.EqualTo(expected));
        if (expected == ResubmitKind.Blocked)
        {
            Assert.That(plan[2].Kind, Is.EqualTo(ResubmitKind.Blocked), "dependants of a real failure wait for a fix");
            Assert.That(plan[4].Kind, Is.EqualTo(ResubmitKind.Keep));
            Assert.That(plan[1].Why, Does.Contain("fix the cause"));
        }
    }

    [Test]
    public void A_real_failure_is_retried_only_on_request_with_its_dependants()
    {
        var chain = Chains.Seed("/tmp/x");
        var statuses = Statuses(chain, Recorded.Replace("|TIMEOUT|0:0|", "|FAILED|1:0|"));
        Assert.That(ResubmitPlanner.Plan(chain, statuses)[1].Kind, Is.EqualTo(ResubmitKind.Blocked));
        var plan = ResubmitPlanner.Plan(chain, statuses, retryFailed: true);
        Assert.That(plan.Select(a => a.Kind), Is.EqualTo(new[]
            { ResubmitKind.Keep, ResubmitKind.Resubmit, ResubmitKind.Resubmit, ResubmitKind.Resubmit, ResubmitKind.Resubmit }));
        Assert.That(plan[1].Why, Is.EqualTo("ended FAILED (1:0); retried on request"));
    }

    [Test]
    public void Requeues_past_the_cap_are_resubmitted()
    {
        var chain = Chains.Seed("/tmp/x");
        chain = chain with { Stages = chain.Stages.Select(s => s.Stage == Stage.Train ? s with { MaxRequeues = 0 } : s).ToList() };
        var sacct = Recorded.Replace("|TIMEOUT|0:0|", "|FAILED|2:0|");
        var plan = ResubmitPlanner.Plan(chain, Statuses(chain, sacct));
        Assert.That(plan[1].Kind, Is.EqualTo(ResubmitKind.Resubmit));
        Assert.That(plan[1].Why, Is.EqualTo("requeued 1 times, past its cap of 0"));
    }

    [Test]
    public void Only_the_interrupted_tasks_of_an_array_run_again()
    {
        var run = Fixtures.NewRunDirectory();
        Directory.CreateDirectory(run);
        var chain = Chains.Seed(run);
        var sacct = Recorded.Replace("300_1|300|root|hopt|cpu_p1|normal|COMPLETED", "300_1|300|root|hopt|cpu_p1|normal|TIMEOUT");
        var statuses = Statuses(chain, sacct);
        var plan = ResubmitPlanner.Plan(chain, statuses);
        Assert.That(plan[0].ArrayTasks, Is.EqualTo(new[] { 1 }));
        var fake = new FakeSlurmRunner { Defaults = { ["sbatch"] = new(0, "500\n", "") } };
        new Resubmitter(Fixtures.Client(fake), Serilog.Core.Logger.None).Run(chain, plan, statuses, false);
        Assert.That(fake.CallsTo("sbatch").First(), Does.Contain("--array=1%2"));
    }

    [Test]
    public void Dry_run_submits_nothing_and_changes_nothing()
    {
        var run = Fixtures.NewRunDirectory();
        var chain = Chains.Seed(run);
        var fake = new FakeSlurmRunner();
        var statuses = Statuses(chain, Recorded);
        var (_, lines) = new Resubmitter(Fixtures.Client(fake), Serilog.Core.Logger.None).Run(chain, ResubmitPlanner.Plan(chain, statuses), statuses, dryRun: true);
        Assert.That(lines, Has.Count.EqualTo(4));
        Assert.That(lines[1], Does.Contain("--dependency=afterok:<train>"));
        Assert.That(fake.Calls, Is.Empty);
        Assert.That(File.Exists(Path.Combine(run, "jobs.json")), Is.False);
    }

    [Test]
    public void Train_resumes_from_the_newest_complete_checkpoint()
    {
        var run = Fixtures.NewRunDirectory();
        void Checkpoint(string name, bool manifest, int bytes = 3)
        {
            var dir = Directory.CreateDirectory(Path.Combine(run, "checkpoints", name)).FullName;
            File.WriteAllBytes(Path.Combine(dir, "model.safetensors"), new byte[3]);
            if (manifest) File.WriteAllText(Path.Combine(dir, "manifest.json"), $"{{\"files\":[{{\"name\":\"model.safetensors\",\"bytes\":{bytes}}}]}}");
        }
        Checkpoint("step-000100", true);
        Checkpoint("step-000200", true);
        Checkpoint("step-000300", false);
        Checkpoint("step-000400", true, bytes: 99);
        Directory.CreateDirectory(Path.Combine(run, "checkpoints", "step-000500.tmp"));
        Assert.That(Path.GetFileName(CheckpointProbe.Newest(run)), Is.EqualTo("step-000200"));
    }
}
