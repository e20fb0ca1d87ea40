using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Status;
using HOptimus.Slurm.Tests.Support;

namespace HOptimus.Slurm.Tests;

public class StatusTests
{
    [Test]
    public void Stages_show_state_reason_elapsed_restarts_and_job_ids()
    {
        var chain = Chains.Seed("/tmp/x");
        var squeue = "330|PENDING|QOSMaxGRESPerUser\n";
        var sacct = Fixtures.Data("sacct-chain-train-timeout.txt").Replace("330|330|root|hopt|gpu_p6|qos_gpu_h100-t3|CANCELLED|0:0|2026-12-01T10:00:00|Unknown|2026-12-01T11:01:11",
            "330|330|root|hopt|gpu_p6|qos_gpu_h100-t3|PENDING|0:0|2026-12-01T10:00:00|Unknown|Unknown");
        var stages = ChainStatus.Build(chain, SacctParser.Parse(sacct), SqueueParser.Parse(squeue));
        var train = stages.Single(s => s.Stage == Stage.Train);
        Assert.That((train.State, train.Requeues, train.Elapsed, train.Reason), Is.EqualTo((JobState.Timeout, 1, TimeSpan.FromSeconds(3600), "exit 0:0, TimeLimit")));
        Assert.That(stages.Single(s => s.Stage == Stage.Consolidate).Reason, Is.EqualTo("never started (DependencyNeverSatisfied)"));
        Assert.That(stages.Single(s => s.Stage == Stage.Eval).Reason, Is.EqualTo("QOSMaxGRESPerUser"));
        Assert.That(stages.Single(s => s.Stage == Stage.Pack).Detail, Is.EqualTo("2 tasks"));
        var table = StatusTable.Render("seed1", stages);
        Assert.That(table, Does.Contain("train").And.Contain("TIMEOUT").And.Contain("01:00:00").And.Contain("1 (1 requeued, 0 resubmitted)"));
        Assert.That(table.Split('\n')[1], Does.StartWith("stage"));
    }

    [Test]
    public void A_live_array_shows_counts_per_state_and_the_pending_reason()
    {
        var chain = Chains.Seed("/tmp/x");
        var squeue = "300_0|RUNNING|None\n300_[1-3]|PENDING|JobArrayTaskLimit\n";
        var stages = ChainStatus.Build(chain, [], SqueueParser.Parse(squeue));
        var pack = stages[0];
        Assert.That((pack.State, pack.Detail, pack.Reason), Is.EqualTo((JobState.Running, "1 RUNNING, 1 PENDING", "JobArrayTaskLimit")), "why the rest waits is the news");
        Assert.That(stages[1].State, Is.EqualTo(JobState.Unknown), "not in squeue nor sacct yet");
    }
}
