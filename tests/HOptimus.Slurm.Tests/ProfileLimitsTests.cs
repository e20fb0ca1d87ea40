using HOptimus.Core;
using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Submission;
using HOptimus.Slurm.Tests.Support;

namespace HOptimus.Slurm.Tests;

/// <summary>Requests a QoS cannot hold are refused before submission, naming the limit (Jean Zay H100 figures).</summary>
public class ProfileLimitsTests
{
    private static string Refusal(Func<PipelineStages, PipelineStages> change)
    {
        var spec = Fixtures.Pipeline("/tmp/limits");
        spec = spec with { Stages = change(spec.Stages) };
        var e = Assert.Throws<HoptException>(() => ChainPlan.Build(Fixtures.Profile("jean-zay-h100"), spec, Fixtures.JobsFolder()))!;
        Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.Usage));
        return e.Message;
    }

    [Test]
    public void The_seed_shaped_pipeline_fits_Jean_Zay() =>
        Assert.DoesNotThrow(() => ChainPlan.Build(Fixtures.Profile("jean-zay-h100"), Fixtures.Pipeline("/tmp/ok"), Fixtures.JobsFolder()));

    [Test]
    public void Wall_time_beyond_the_QoS_is_refused_naming_it() =>
        Assert.That(Refusal(s => s with { Train = s.Train! with { TimeMinutes = 21 * 60 } }),
            Does.Contain("stages.train: wall time 21 h exceeds the wall-time limit of qos_gpu_h100-t3 (20 h)"));

    [Test]
    public void More_GPUs_than_the_QoS_cap_are_refused_naming_it() =>
        Assert.That(Refusal(s => s with { Train = s.Train! with { Qos = "qos_gpu_h100-t4", Nodes = 17 } }),
            Does.Contain("stages.train: 68 GPUs (17 nodes x 4) exceed the GPU cap of qos_gpu_h100-t4 (64 GPUs)"));

    [Test]
    public void The_dev_QoS_caps_GPUs_at_32() =>
        Assert.That(Refusal(s => s with { Train = s.Train! with { Qos = "qos_gpu_h100-dev", Nodes = 9, TimeMinutes = 60 } }),
            Does.Contain("stages.train: 36 GPUs (9 nodes x 4) exceed the GPU cap of qos_gpu_h100-dev (32 GPUs)"));

    [Test]
    public void Submitted_job_limit_is_checked_across_stages_of_one_QoS()
    {
        var spec = Fixtures.Pipeline("/tmp/limits");
        var profile = Fixtures.Profile("jean-zay-h100") with
        {
            Cpu = Fixtures.Profile("jean-zay-h100").Cpu with
            {
                Qos = [new Profiles.QosLimit { Name = "qos_cpu-dev", MaxWallHours = 2, MaxSubmittedJobs = 8 }],
                DefaultQos = "qos_cpu-dev",
            },
        };
        var e = Assert.Throws<HoptException>(() => ChainPlan.Build(profile, spec with
        {
            Stages = spec.Stages with { Consolidate = spec.Stages.Consolidate! with { TimeMinutes = 60 } },
        }, Fixtures.JobsFolder()))!;
        // pack 8 array tasks + consolidate + report = 10 jobs in qos_cpu-dev
        Assert.That(e.Message, Does.Contain("pack+consolidate+report: 10 jobs in qos_cpu-dev exceed its limit of 8 submitted jobs"));
    }

    [Test]
    public void Unknown_QoS_and_oversized_nodes_are_refused_together()
    {
        var message = Refusal(s => s with
        {
            Train = s.Train! with { Qos = "qos_gpu_h100-t9", GpusPerNode = 8 },
            Eval = s.Eval! with { CpusPerTask = 97 },
        });
        Assert.That(message, Does.Contain("stages.train.qos: 'qos_gpu_h100-t9' is not a gpu QoS of profile jean-zay-h100 (known: qos_gpu_h100-t3, qos_gpu_h100-t4, qos_gpu_h100-dev)"));
        Assert.That(message, Does.Contain("stages.train: asks 8 GPUs per node; gpu nodes of profile jean-zay-h100 have 4"));
        Assert.That(message, Does.Contain("stages.eval: asks 1 tasks x 97 CPUs = 97 CPUs per node; gpu nodes of profile jean-zay-h100 have 96"));
    }

    [Test]
    public void A_project_is_required_where_the_account_format_needs_one()
    {
        var spec = Fixtures.Pipeline("/tmp/limits") with { Project = null };
        var e = Assert.Throws<HoptException>(() => ChainPlan.Build(Fixtures.Profile("jean-zay-h100"), spec, Fixtures.JobsFolder()))!;
        Assert.That(e.Message, Does.Contain("project: profile jean-zay-h100 needs one for its account format '{project}@h100'"));
    }

    [Test]
    public void A_missing_job_script_is_named()
    {
        var jobs = Fixtures.JobsFolder();
        File.Delete(Path.Combine(jobs, "eval.sbatch"));
        var e = Assert.Throws<HoptException>(() => ChainPlan.Build(Fixtures.Profile("jean-zay-h100"), Fixtures.Pipeline("/tmp/x"), jobs))!;
        Assert.That(e.Message, Does.Contain($"stages.eval: job script {jobs}/eval.sbatch not found"));
    }
}
