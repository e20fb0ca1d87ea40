using HOptimus.Slurm.Pipelines;
using HOptimus.Slurm.Profiles;

namespace HOptimus.Slurm.Submission;

/// <summary>Where a run lives and what every job of it gets in its environment.</summary>
/// <param name="Name">Run name (job names are Name.stage).</param>
/// <param name="Directory">Absolute run directory, exported as HOPT_RUN.</param>
/// <param name="JobsDirectory">Folder of the jobs/*.sbatch scripts.</param>
/// <param name="EnvName">HOPT_PROFILE: jobs/common.sh sources env/&lt;EnvName&gt;.sh.</param>
/// <param name="BinDirectory">HOPT_BIN if set; else jobs/common.sh's default.</param>
public sealed record RunContext(string Name, string Directory, string JobsDirectory, string EnvName, string? BinDirectory)
{
    /// <summary>What every job of the run gets, set in sbatch's environment and propagated by --export=ALL.</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var env = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["HOPT_RUN"] = Directory, ["HOPT_PROFILE"] = EnvName };
            if (BinDirectory is not null) env["HOPT_BIN"] = BinDirectory;
            return env;
        }
    }

    public static RunContext For(PipelineSpec pipeline, ClusterProfile profile, string jobsDirectory) =>
        new(pipeline.Name, Path.GetFullPath(pipeline.RunDirectory), Path.GetFullPath(jobsDirectory), profile.EnvName,
            pipeline.BinDirectory is null ? null : Path.GetFullPath(pipeline.BinDirectory));
}
