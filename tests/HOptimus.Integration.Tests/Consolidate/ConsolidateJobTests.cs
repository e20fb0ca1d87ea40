using HOptimus.Core;
using HOptimus.Integration.Tests.Support;
using HOptimus.Model;

namespace HOptimus.Integration.Tests.Consolidate;

/// <summary>jobs/consolidate.sbatch on the real local Slurm cluster with the published hopt-consolidate.</summary>
public class ConsolidateJobTests
{
    [Test]
    public void ConsolidateJob_ExportsTheNewestCheckpoint_AndFailsWithExit3OnACorruptOne()
    {
        LocalSlurm.RequireCluster();
        Repo.Published("hopt-consolidate");
        Repo.Published("hopt");
        var run = Repo.NewRunDirectory("consolidate-job");
        try
        {
            CheckpointFixture.Write(run, 12, seed: 21);
            Directory.CreateDirectory(Path.Combine(run, "config"));
            Directory.CreateDirectory(Path.Combine(run, "logs")); // sbatch opens -o before the script runs
            File.WriteAllText(Path.Combine(run, "config", "consolidate.json"), "{ \"Consolidate\": { \"DType\": \"bf16\" } }\n");

            var rows = Submit(run);
            Assert.That(rows[0].State, Is.EqualTo("COMPLETED"), File.ReadAllText(Path.Combine(run, "logs", "job.out")));
            Assert.That(rows[0].AllocTres, Does.Contain("gres/gpu=1"));
            var export = Path.Combine(run, "exports", "teacher-step-000012");
            var header = SafetensorsFile.ReadHeader(Path.Combine(export, BackboneExport.WeightsFile));
            Assert.That(header.Entries.Select(e => e.DType).Distinct(), Is.EqualTo(new[] { "BF16" }));
            Assert.That(File.Exists(Path.Combine(export, BackboneExport.ManifestFile)), Is.True);

            var model = Path.Combine(CheckpointFixture.StepDir(run, 12), "model.safetensors");
            var bytes = File.ReadAllBytes(model);
            bytes[^3] ^= 1;
            File.WriteAllBytes(model, bytes);
            File.WriteAllText(Path.Combine(run, "config", "consolidate.json"), "{ \"Consolidate\": { \"Name\": \"second\" } }\n");
            var failed = Submit(run);
            Assert.That(failed[0].State, Is.EqualTo("FAILED"));
            Assert.That(failed[0].ExitCode, Is.EqualTo($"{ExitCodes.BadInput}:0"));
            Assert.That(File.ReadAllText(Path.Combine(run, "logs", "job.out")), Does.Contain("sha256"));
            Assert.That(Directory.Exists(Path.Combine(run, "exports", "second")), Is.False);
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }

    private static IReadOnlyList<SacctRow> Submit(string run)
    {
        var id = LocalSlurm.Submit("-C", "h100", "-o", Path.Combine(run, "logs", "job.out"), "--open-mode=truncate",
            $"--export=ALL,HOPT_RUN={run}", Path.Combine(Repo.Jobs, "consolidate.sbatch"));
        return LocalSlurm.WaitForEnd(id, TimeSpan.FromMinutes(5));
    }
}
