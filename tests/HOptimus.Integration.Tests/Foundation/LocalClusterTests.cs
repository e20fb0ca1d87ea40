using HOptimus.Integration.Tests.Support;

namespace HOptimus.Integration.Tests.Foundation;

/// <summary>The local cluster of scripts/slurm-local behaves like the Jean Zay H100 partition it imitates.</summary>
[TestFixture, NonParallelizable]
public class LocalClusterTests
{
    [SetUp]
    public void RequireCluster() => LocalSlurm.RequireCluster();

    [Test]
    public void JobOnTheH100FeatureCompletesAndIsAccountedWithItsGpus()
    {
        var id = LocalSlurm.Submit("-C", "h100", "--gres=gpu:2", "-t", "00:05:00", "-o", "/dev/null", "--wrap", "test -n \"$SLURM_JOB_GPUS\"");
        var row = LocalSlurm.WaitForEnd(id, TimeSpan.FromMinutes(2)).Single();
        Assert.That(row.State, Is.EqualTo("COMPLETED"), $"exit code {row.ExitCode}");
        Assert.That(row.AllocTres, Does.Contain("gres/gpu=2"));
        Assert.That(row.AllocTres, Does.Contain("billing=2"), "GPU-weighted billing: 2 GPUs bill 2, CPUs bill 0");
    }

    [Test]
    public void RequestOverTheDevQosWallTimeIsRefusedWithSlurmsReason()
    {
        var result = LocalSlurm.TrySubmit("--qos=qos_gpu_h100-dev", "-t", "03:00:00", "--wrap", "true");
        Assert.That(result.ExitCode, Is.Not.Zero, result.Output);
        Assert.That(result.StdErr, Does.Contain("QOSMaxWallDurationPerJobLimit"));
    }

    [Test]
    public void RequestOverTheDevQosGpuCapIsRefused()
    {
        // 33 GPUs over the dev QoS's 32; the node has 4, but the QoS check comes first and names the limit.
        var result = LocalSlurm.TrySubmit("--qos=qos_gpu_h100-dev", "-t", "00:10:00", "--gres=gpu:33", "--wrap", "true");
        Assert.That(result.ExitCode, Is.Not.Zero, result.Output);
        Assert.That(result.StdErr, Does.Contain("error"));
    }

    [Test]
    public void PublishedExecutableRunsAsAJobWithoutDotnet()
    {
        var hopt = Repo.Published("hopt");
        var dir = Repo.NewRunDirectory("published");
        var output = Path.Combine(dir, "out.txt");
        // PATH without dotnet: the self-contained executable must need nothing installed on the node.
        var id = LocalSlurm.Submit("-o", output, "--export=NONE,PATH=/usr/bin:/bin", "--wrap", $"'{hopt}' --version");
        var row = LocalSlurm.WaitForEnd(id, TimeSpan.FromMinutes(2)).Single();
        Assert.That(row.State, Is.EqualTo("COMPLETED"), File.Exists(output) ? File.ReadAllText(output) : "no output");
        Assert.That(File.ReadAllText(output), Does.Match(@"\d+\.\d+\.\d+"));
    }
}
