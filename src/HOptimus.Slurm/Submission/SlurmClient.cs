using HOptimus.Slurm.Process;
using Polly;
using Polly.Retry;
using Serilog;

namespace HOptimus.Slurm.Submission;

/// <summary>
/// The one place that runs Slurm's commands (DESIGN.md). Every call goes through a retry pipeline
/// that waits out a controller that is restarting or unreachable and gives up at once on anything
/// else, quoting Slurm. A timed-out sbatch may in rare cases have queued the job anyway; the chain
/// records what it got, and `hopt status` shows any stray job under the run's job name.
/// </summary>
public sealed class SlurmClient
{
    private readonly IProcessRunner _runner;
    private readonly ResiliencePipeline<ProcessResult> _pipeline;
    private readonly ILogger _log;

    public SlurmClient(IProcessRunner runner, RetryOptions retry, ILogger log)
    {
        _runner = runner;
        _log = log;
        var builder = new ResiliencePipelineBuilder<ProcessResult>();
        if (retry.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions<ProcessResult>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { Succeeded: false } r && SlurmErrors.IsTransient(r.Message)),
                MaxRetryAttempts = retry.MaxRetries,
                Delay = TimeSpan.FromSeconds(retry.BaseDelaySeconds),
                MaxDelay = TimeSpan.FromSeconds(Math.Max(retry.MaxDelaySeconds, retry.BaseDelaySeconds)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    _log.Warning("Slurm did not answer ({Message}); retry {Attempt}/{Max} in {Delay:0.0} s",
                        args.Outcome.Result?.Message, args.AttemptNumber + 1, retry.MaxRetries, args.RetryDelay.TotalSeconds);
                    return default;
                },
            });
        _pipeline = builder.Build();
    }

    /// <summary>Working directory for sbatch (becomes SLURM_SUBMIT_DIR of the job).</summary>
    public string? SubmitDirectory { get; init; }

    /// <summary>Runs sbatch --parsable (with the job's variables in its environment) and returns the checked job id.</summary>
    public JobId Submit(string stage, IReadOnlyList<string> sbatchArguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = Run("sbatch", sbatchArguments, new ProcessSettings(SubmitDirectory, Environment: environment));
        return JobId.ParseParsable(result.Stdout, stage);
    }

    /// <summary>Cancels jobs; a failure is logged, not thrown, since this runs while cleaning up after another error.</summary>
    public bool Cancel(IReadOnlyCollection<JobId> jobs)
    {
        if (jobs.Count == 0) return true;
        try
        {
            Run("scancel", jobs.Select(j => j.ToString()).ToList());
            return true;
        }
        catch (SlurmCommandException e)
        {
            _log.Error("scancel of {Jobs} failed: {Message}", string.Join(",", jobs), e.Message);
            return false;
        }
    }

    /// <summary>Runs a read-only Slurm command (squeue, sacct, scontrol) and returns its stdout.</summary>
    public string Query(string program, IReadOnlyList<string> arguments) => Run(program, arguments).Stdout;

    /// <summary>Like <see cref="Query"/>, but a failure Slurm reports as a non-zero exit is returned, not thrown.</summary>
    public ProcessResult TryQuery(string program, IReadOnlyList<string> arguments) =>
        _pipeline.Execute(() => _runner.Run(program, arguments));

    private ProcessResult Run(string program, IReadOnlyList<string> arguments, ProcessSettings? settings = null)
    {
        var result = _pipeline.Execute(() => _runner.Run(program, arguments, settings));
        if (result.Succeeded) return result;
        var transient = SlurmErrors.IsTransient(result.Message);
        var why = transient ? " (still failing after the retry budget)" : "";
        throw new SlurmCommandException($"{program} failed{why}: {result.Message}", transient);
    }
}
