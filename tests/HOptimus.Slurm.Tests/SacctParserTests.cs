using HOptimus.Core;
using HOptimus.Slurm.Accounting;
using HOptimus.Slurm.Tests.Support;

namespace HOptimus.Slurm.Tests;

/// <summary>Parsing recorded `sacct -P -X --duplicates` outputs: a real one from the local cluster, and Jean Zay-shaped odd cases.</summary>
public class SacctParserTests
{
    [Test]
    public void Real_local_sacct_output_parses_with_array_tasks_and_GPUs()
    {
        var rows = SacctParser.Parse(Fixtures.Data("sacct-local-chain.txt"));
        Assert.That(rows.Select(r => r.JobId), Is.EquivalentTo(new[] { "7", "8", "6_0", "6_1", "6_2" }));
        var train = rows.Single(r => r.Name == "t1.train");
        Assert.That((train.State, train.Gpus, train.Cpus, train.Nodes, train.ElapsedSeconds), Is.EqualTo((JobState.Completed, 2, 2, 1, 3L)));
        Assert.That(rows.Where(r => r.Name == "t1.pack").Select(r => r.MasterId).Distinct(), Is.EqualTo(new[] { "6" }));
        Assert.That(rows.Single(r => r.JobId == "8").ExitStatus, Is.EqualTo(2));
    }

    [Test]
    public void Odd_cases_parse_requeues_pending_placeholders_typed_gres_and_pipes_in_names()
    {
        var rows = SacctParser.Parse(Fixtures.Data("sacct-jz-odd-cases.txt"));
        Assert.That(rows.Count(r => r.JobIdRaw == "210"), Is.EqualTo(3), "--duplicates: one row per requeue attempt");
        Assert.That(rows.Where(r => r.JobIdRaw == "210").Select(r => r.State), Is.EqualTo(new[] { JobState.Requeued, JobState.Requeued, JobState.Running }));
        var placeholder = rows.Single(r => r.JobId == "200_[2-7]");
        Assert.That((placeholder.State, placeholder.Start, placeholder.MasterId), Is.EqualTo((JobState.Pending, (DateTimeOffset?)null, "200")));
        Assert.That(rows.Single(r => r.JobId == "230").Gpus, Is.EqualTo(1), "gres/gpu:h100=1");
        Assert.That(rows.First(r => r.JobId == "210").MemoryMiB, Is.EqualTo(960 * 1024));
        var cancelled = rows.Single(r => r.JobId == "240");
        Assert.That((cancelled.State, cancelled.StateText, cancelled.ExitSignal, cancelled.Name), Is.EqualTo((JobState.Cancelled, "CANCELLED by 1234", 15, "adhoc|test")));
        Assert.That(rows.Single(r => r.JobId == "220").State, Is.EqualTo(JobState.NodeFail));
    }

    [Test]
    public void A_short_line_is_bad_input_naming_the_line()
    {
        var text = "JobID|State|ElapsedRaw\n1|COMPLETED|5\n2|FAILED\n";
        var e = Assert.Throws<HoptException>(() => SacctParser.Parse(text, "recorded.txt"))!;
        Assert.That(e.Message, Does.StartWith("recorded.txt: line 3 has 2 fields, the header 3"));
    }

    [Test]
    public void A_bad_number_or_time_is_bad_input_naming_the_field()
    {
        Assert.That(Assert.Throws<HoptException>(() => SacctParser.Parse("JobID|State|ElapsedRaw\n1|COMPLETED|abc\n"))!.Message,
            Does.Contain("ElapsedRaw 'abc' is not a whole number"));
        Assert.That(Assert.Throws<HoptException>(() => SacctParser.Parse("JobID|State|ElapsedRaw|Start\n1|COMPLETED|1|yesterday\n"))!.Message,
            Does.Contain("Start 'yesterday' is not a time"));
    }

    [Test]
    public void A_header_without_the_needed_columns_is_refused() =>
        Assert.That(Assert.Throws<HoptException>(() => SacctParser.Parse("JobID|User\n1|bob\n"))!.Message, Does.Contain("lacks the State column"));

    [TestCase("CANCELLED by 0", JobState.Cancelled)]
    [TestCase("OUT_OF_MEMORY", JobState.OutOfMemory)]
    [TestCase("PD", JobState.Pending)]
    [TestCase("weird", JobState.Unknown)]
    public void States_parse_in_long_and_short_forms(string text, JobState state) => Assert.That(JobStates.Parse(text), Is.EqualTo(state));
}
