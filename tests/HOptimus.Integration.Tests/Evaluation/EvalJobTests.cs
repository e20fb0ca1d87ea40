using HOptimus.Core;
using HOptimus.Integration.Tests.Support;

namespace HOptimus.Integration.Tests.Evaluation;

/// <summary>jobs/eval.sbatch on the real local Slurm cluster with the published hopt-eval.</summary>
public class EvalJobTests
{
    [Test]
    public void EvalJob_WritesResults_AndFailsWithExit3OnBadLabels()
    {
        LocalSlurm.RequireCluster();
        Repo.Published("hopt-eval");
        Repo.Published("hopt");
        var run = Repo.NewRunDirectory("eval-job");
        try
        {
            EvalFixture.WritePatches(run);
            Directory.CreateDirectory(Path.Combine(run, "logs")); // sbatch opens -o before the script runs
            EvalFixture.WriteConfig(run, """
                { "Eval": { "backbones": [ { "name": "random", "random": "vit-tiny" } ],
                            "tasks": [ { "name": "crc", "dataset": { "images": "patches" }, "protocols": [ "knn" ] } ],
                            "bootstrap": { "resamples": 100 } } }
                """);
            var rows = Submit(run);
            Assert.That(rows[0].State, Is.EqualTo("COMPLETED"), File.ReadAllText(Path.Combine(run, "logs", "job.out")));
            Assert.That(rows[0].AllocTres, Does.Contain("gres/gpu=1"));
            Assert.That(File.Exists(Path.Combine(run, "eval", "results.json")), Is.True);
            Assert.That(File.Exists(Path.Combine(run, "eval", "crc.png")), Is.True);

            File.AppendAllText(Path.Combine(run, "patches", "labels.csv"), "ADI-0.png,ADI,patient-9\n");
            var failed = Submit(run);
            Assert.That(failed[0].State, Is.EqualTo("FAILED"));
            Assert.That(failed[0].ExitCode, Is.EqualTo($"{ExitCodes.BadInput}:0"));
            Assert.That(File.ReadAllText(Path.Combine(run, "logs", "job.out")), Does.Contain("is listed again"));
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }

    private static IReadOnlyList<SacctRow> Submit(string run)
    {
        var id = LocalSlurm.Submit("-C", "h100", "-o", Path.Combine(run, "logs", "job.out"), "--open-mode=truncate",
            $"--export=ALL,HOPT_RUN={run}", Path.Combine(Repo.Jobs, "eval.sbatch"));
        return LocalSlurm.WaitForEnd(id, TimeSpan.FromMinutes(5));
    }
}
