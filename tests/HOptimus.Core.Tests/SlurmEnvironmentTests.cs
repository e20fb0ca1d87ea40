using HOptimus.Core;

namespace HOptimus.Core.Tests;

public class SlurmEnvironmentTests
{
    [Test]
    public void ReadsRankArrayAndRestartFromSlurmVariables()
    {
        var vars = new Dictionary<string, string>
        {
            ["SLURM_JOB_ID"] = "42", ["SLURM_PROCID"] = "3", ["SLURM_LOCALID"] = "1", ["SLURM_NTASKS"] = "8",
            ["SLURM_ARRAY_TASK_ID"] = "2", ["SLURM_ARRAY_TASK_COUNT"] = "5", ["SLURM_RESTART_COUNT"] = "1",
        };
        var env = SlurmEnvironment.From(k => vars.GetValueOrDefault(k));
        Assert.That((env.JobId, env.Rank, env.LocalRank, env.Tasks, env.ArrayTaskId, env.ArrayTaskCount, env.RestartCount),
            Is.EqualTo(("42", 3, 1, (int?)8, (int?)2, (int?)5, 1)));
        Assert.That(env.InJob, Is.True);
    }

    [Test]
    public void OutsideAJobIsRankZeroOfUnknownSize()
    {
        var env = SlurmEnvironment.From(_ => null);
        Assert.That((env.InJob, env.Rank, env.Tasks), Is.EqualTo((false, 0, (int?)null)));
    }
}
