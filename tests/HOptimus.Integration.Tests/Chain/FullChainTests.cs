using HOptimus.Core;
using HOptimus.Integration.Tests.Cli;
using HOptimus.Integration.Tests.Support;
using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Submission;

namespace HOptimus.Integration.Tests.Chain;

/// <summary>
/// scripts/demo-chain, the README's demo, on the real local cluster: real slides packed by a job array,
/// vit-tiny trained by 2 ranks under srun --mpi=pmi2 and interrupted by USR2 (requeued, resumed),
/// consolidated, evaluated and reported. Then the interrupted run is held against an uninterrupted one.
/// </summary>
[NonParallelizable]
public class FullChainTests
{
    [Test]
    public void The_demo_chain_completes_through_an_interruption_and_resumes_bit_identically()
    {
        LocalSlurm.RequireCluster();
        Repo.Published("hopt");
        Repo.RequireData("patches/nct-crc-he");
        var work = Path.Combine(Repo.NewRunDirectory("chain"), "demo");
        var run = Path.Combine(work, "run");

        var demo = Processes.Run(Path.Combine(Repo.Root, "scripts", "demo-chain"), [work], TimeSpan.FromMinutes(15),
                                 new Dictionary<string, string> { ["HOPT_BIN"] = Repo.PublishDir });
        Assert.That(demo.ExitCode, Is.Zero, demo.Output);
        Assert.That(demo.StdOut, Does.Contain("the whole chain completed through one interruption of training"));

        var chain = ChainRecord.Read(run);
        var train = chain.Stages.Single(s => s.Stage == Stage.Train).Current.JobId;
        var attempts = ClusterWait.Sacct([train]).Where(r => r.MasterId == train).Select(r => r.State);
        Assert.That(attempts, Is.EqualTo(new[] { JobState.Requeued, JobState.Completed }), "one interruption, one resumed attempt");
        Assert.That(File.ReadAllText(Path.Combine(run, "stop-reason")).Trim(), Is.EqualTo("timeout"), "USR2 is the wall clock's signal");
        var trainLog = File.ReadAllText(Path.Combine(run, "logs", $"train-{train}.out"));
        Assert.That(trainLog, Does.Contain("(checkpoint of 2 ranks)").And.Contain("train: job " + train + " requeued"));

        Assert.That(File.ReadAllText(Path.Combine(run, "eval", "results.md")), Does.Contain("| demo | linear |").And.Contain("| random | knn |"));
        var csv = File.ReadAllLines(Path.Combine(run, "report", "report.csv"));
        Assert.That(csv.Count(l => l.StartsWith(train + ",", StringComparison.Ordinal)), Is.EqualTo(2), "both attempts are charged");

        // The same 2-rank training, never interrupted, on the same tiles: the requeued run must match it bit for bit.
        var straight = Path.Combine(work, "straight");
        var srun = Processes.Run("srun", ["--mpi=pmi2", "--ntasks=2", "--cpus-per-task=1", "--gres=gpu:2", "--time=10",
            Repo.Published("hopt-train"), "--run", straight, "--config", Path.Combine(run, "config", "train.json"),
            "--set", $"Data:ShardDirectory={Path.Combine(run, "tiles")}"], TimeSpan.FromMinutes(10));
        Assert.That(srun.ExitCode, Is.Zero, srun.Output);
        string Weights(string root, int step) => Checksums.Sha256File(Path.Combine(root, "checkpoints", $"step-{step:D6}", "model.safetensors"));
        Assert.That(Weights(run, 40), Is.EqualTo(Weights(straight, 40)), "interrupted and uninterrupted 2-rank runs end with the same weights");
        Assert.That(Weights(straight, 20), Is.Not.EqualTo(Weights(straight, 40)), "the weights moved, so equality means something");
    }
}
