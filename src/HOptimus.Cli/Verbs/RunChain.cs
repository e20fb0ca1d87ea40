using HOptimus.Core;
using HOptimus.Slurm.Profiles;
using HOptimus.Slurm.Submission;
using Serilog;

namespace HOptimus.Cli.Verbs;

/// <summary>A submitted run: its jobs.json and the profile it was submitted with (for the retry budget and charge rule).</summary>
public sealed record RunChain(ChainRecord Chain, ClusterProfile Profile)
{
    public static RunChain Load(string runDirectory, string? profileOverride = null)
    {
        var chain = ChainRecord.Read(Path.GetFullPath(runDirectory));
        var repo = RepoLayout.Find();
        return new RunChain(chain, ClusterProfile.Load(profileOverride ?? chain.Profile, repo.Profiles));
    }

    public SlurmClient Slurm(ILogger log) => Cli.Slurm(Profile.SubmitRetry, log, RepoLayout.Find().Root);
}
