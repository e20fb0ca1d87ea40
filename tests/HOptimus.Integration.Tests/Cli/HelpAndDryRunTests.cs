using System.Text.RegularExpressions;
using HOptimus.Integration.Tests.Support;

namespace HOptimus.Integration.Tests.Cli;

/// <summary>
/// `hopt --help` per verb against golden files (Cli/Golden/help-*.txt; HOPT_UPDATE_GOLDEN=1 rewrites
/// them), and `submit --dry-run` printing the exact scripts and commands while submitting nothing.
/// </summary>
public class HelpAndDryRunTests
{
    private static string GoldenDirectory => Path.Combine(Repo.Root, "tests", "HOptimus.Integration.Tests", "Cli", "Golden");

    [TestCase("help-hopt.txt", new string[0])]
    [TestCase("help-submit.txt", new[] { "submit" })]
    [TestCase("help-status.txt", new[] { "status" })]
    [TestCase("help-report.txt", new[] { "report" })]
    [TestCase("help-resubmit.txt", new[] { "resubmit" })]
    [TestCase("help-plan.txt", new[] { "plan" })]
    public void Help_matches_the_golden_file(string golden, string[] verb)
    {
        var result = Hopt.Run([.. verb, "--help"]);
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        // The heading carries the version and git SHA of the build: not part of the contract.
        var text = Regex.Replace(result.StdOut, @"^hopt \S+", "hopt <version>");
        text = Regex.Replace(text, @"Copyright \(C\) \d{4}", "Copyright (C) <year>");
        var path = Path.Combine(GoldenDirectory, golden);
        if (Environment.GetEnvironmentVariable("HOPT_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(GoldenDirectory);
            File.WriteAllText(path, text);
            Assert.Warn($"golden file {golden} rewritten");
            return;
        }
        Assert.That(File.Exists(path), Is.True, $"{path} missing: run once with HOPT_UPDATE_GOLDEN=1 and review it");
        Assert.That(text, Is.EqualTo(File.ReadAllText(path)));
    }

    [Test]
    public void An_unknown_verb_or_flag_is_a_usage_error() =>
        Assert.That(Hopt.Run(["submit", "--profile", "local", "--pipline", "x.json"]).ExitCode, Is.EqualTo(2));

    [Test]
    public void Dry_run_prints_the_scripts_configs_and_commands_and_submits_nothing()
    {
        var folder = Repo.NewRunDirectory("cli-dry");
        var run = Path.Combine(folder, "run with space");
        var result = Hopt.Run(["submit", "--profile", "jean-zay-h100", "--dry-run",
            "--pipeline", Path.Combine(Repo.Jobs, "pipelines", "seed-jean-zay-h100.json"), "--set", $"runDirectory={run}"]);
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        var text = result.StdOut;
        Assert.That(text, Does.Contain($"# ===== train: {Repo.Jobs}/train.sbatch").Or.Contain("train.sbatch"));
        Assert.That(text, Does.Contain("#| . \"${HOPT_REPO:-${SLURM_SUBMIT_DIR:-$(pwd)}}/jobs/common.sh\""), "the script's text is shown");
        Assert.That(text, Does.Contain("TRAIN_JOB=$(HOPT_PROFILE=jean-zay-h100 'HOPT_RUN=").Or.Contain($"HOPT_RUN='{run}'"));
        Assert.That(text, Does.Contain("--account=abc@h100 --qos=qos_gpu_h100-t3 --constraint=h100 --hint=nomultithread --time=20:00:00 --nodes=24 --ntasks=96 --ntasks-per-node=4 --cpus-per-task=24 --gres=gpu:4"));
        Assert.That(text, Does.Contain("\"--dependency=afterok:$PACK_JOB\""));
        Assert.That(Directory.Exists(run), Is.False, "a dry run writes nothing");
    }
}
