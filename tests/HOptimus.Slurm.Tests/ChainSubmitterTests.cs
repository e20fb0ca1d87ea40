using HOptimus.Core;
using HOptimus.Slurm.Submission;
using HOptimus.Slurm.Tests.Support;

namespace HOptimus.Slurm.Tests;

public class ChainSubmitterTests
{
    private static ChainPlan Plan(string run) => ChainPlan.Build(Fixtures.Profile("jean-zay-h100"), Fixtures.Pipeline(run), Fixtures.JobsFolder());

    [Test]
    public void Each_stage_depends_on_the_ids_just_returned_and_jobs_json_records_them()
    {
        var run = Fixtures.NewRunDirectory();
        var fake = new FakeSlurmRunner().Ok("sbatch", "101\n").Ok("sbatch", "102\n").Ok("sbatch", "103;jz\n").Ok("sbatch", "104\n").Ok("sbatch", "105\n");
        var chain = new ChainSubmitter(Fixtures.Client(fake), Serilog.Core.Logger.None).Submit(Plan(run));
        var deps = fake.CallsTo("sbatch").Select(a => a.FirstOrDefault(x => x.StartsWith("--dependency=")) ?? "").ToList();
        Assert.That(deps, Is.EqualTo(new[]
        {
            "", "--dependency=afterok:101", "--dependency=afterok:102", "--dependency=afterok:103", "--dependency=afterany:101:102:103:104",
        }));
        Assert.That(fake.CallsTo("sbatch").All(a => a.Contains("--kill-on-invalid-dep=yes")), Is.True);
        Assert.That(fake.Environments.Select(e => e["HOPT_RUN"]), Is.All.EqualTo(run));
        Assert.That(fake.Environments.Select(e => e["HOPT_PROFILE"]), Is.All.EqualTo("jean-zay-h100"));
        Assert.That(fake.Environments.Select(e => e.GetValueOrDefault("HOPT_MAX_REQUEUES")), Is.EqualTo(new[] { null, "3", null, null, null }),
            "the requeue cap reaches jobs/train.sbatch");
        var saved = ChainRecord.Read(run);
        Assert.That(saved.Stages.Select(s => s.Current.JobId), Is.EqualTo(new[] { "101", "102", "103", "104", "105" }));
        Assert.That(saved.Account, Is.EqualTo("abc@cpu"));
        Assert.That(File.ReadAllText(Path.Combine(run, "config", "train.json")).Trim(), Is.EqualTo("{}"));
    }

    [TestCase("", "an empty job id")]
    [TestCase("sbatch: garbage", "a garbled job id")]
    public void A_bad_id_stops_the_chain_and_cancels_what_was_queued(string badAnswer, string expected)
    {
        var run = Fixtures.NewRunDirectory();
        var fake = new FakeSlurmRunner().Ok("sbatch", "101\n").Ok("sbatch", "102\n").Ok("sbatch", badAnswer);
        var e = Assert.Throws<HoptException>(() => new ChainSubmitter(Fixtures.Client(fake), Serilog.Core.Logger.None).Submit(Plan(run)))!;
        Assert.That(e.Message, Does.StartWith("consolidate:").And.Contain(expected).And.Contain("cancelled the jobs already queued (101, 102)"));
        Assert.That(fake.CallsTo("sbatch").Count(), Is.EqualTo(3), "nothing is submitted after the bad id");
        Assert.That(fake.CallsTo("scancel").Single(), Is.EqualTo(new[] { "101", "102" }));
        Assert.That(ChainRecord.Read(run).Stages.Select(s => s.Current.State), Is.All.EqualTo("cancelled"));
    }

    [Test]
    public void A_permanent_refusal_mid_chain_cancels_and_quotes_Slurm()
    {
        var run = Fixtures.NewRunDirectory();
        var fake = new FakeSlurmRunner().Ok("sbatch", "101\n")
            .Error("sbatch", "sbatch: error: Batch job submission failed: Invalid qos specification");
        var e = Assert.Throws<HoptException>(() => new ChainSubmitter(Fixtures.Client(fake), Serilog.Core.Logger.None).Submit(Plan(run)))!;
        Assert.That(e.Message, Does.Contain("Invalid qos specification").And.Contain("(101)"));
        Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(fake.CallsTo("scancel").Single(), Is.EqualTo(new[] { "101" }));
    }

    [Test]
    public void A_run_already_submitted_is_not_submitted_twice()
    {
        var run = Fixtures.NewRunDirectory();
        var fake = new FakeSlurmRunner { Defaults = { ["sbatch"] = new(0, "7\n", "") } };
        new ChainSubmitter(Fixtures.Client(fake), Serilog.Core.Logger.None).Submit(Plan(run));
        var e = Assert.Throws<HoptException>(() => new ChainSubmitter(Fixtures.Client(fake), Serilog.Core.Logger.None).Submit(Plan(run)))!;
        Assert.That(e.Message, Does.Contain("already submitted"));
        Assert.That(fake.CallsTo("sbatch").Count(), Is.EqualTo(5));
    }
}
