using HOptimus.Core;
using HOptimus.Slurm.Submission;

namespace HOptimus.Slurm.Tests;

public class JobIdTests
{
    [TestCase("1234\n", 1234)]
    [TestCase("77;localcluster\n", 77)]
    public void Parsable_output_gives_the_job_id(string stdout, long id) =>
        Assert.That(JobId.ParseParsable(stdout, "pack").Value, Is.EqualTo(id));

    [TestCase("", "an empty job id")]
    [TestCase("  \n", "an empty job id")]
    [TestCase("Submitted batch job 12", "a garbled job id 'Submitted batch job 12'")]
    [TestCase("12ab", "a garbled job id")]
    [TestCase("0", "a garbled job id '0'")]
    [TestCase("-5", "a garbled job id")]
    public void Empty_or_garbled_ids_are_errors_naming_the_stage(string stdout, string expected)
    {
        var e = Assert.Throws<HoptException>(() => JobId.ParseParsable(stdout, "train"))!;
        Assert.That(e.Message, Does.StartWith("train: sbatch --parsable returned").And.Contain(expected));
    }
}
