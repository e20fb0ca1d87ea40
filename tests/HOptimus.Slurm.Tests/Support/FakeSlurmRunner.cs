using HOptimus.Slurm.Process;

namespace HOptimus.Slurm.Tests.Support;

/// <summary>
/// A FAKE of Slurm's commands for unit tests: replays scripted answers and records every argv it
/// was given. The real commands are exercised in tests/HOptimus.Integration.Tests/Cli.
/// </summary>
public sealed class FakeSlurmRunner : IProcessRunner
{
    private readonly Dictionary<string, Queue<ProcessResult>> _answers = [];

    public List<(string Program, IReadOnlyList<string> Arguments)> Calls { get; } = [];

    /// <summary>The environment each call was given, in call order.</summary>
    public List<IReadOnlyDictionary<string, string>> Environments { get; } = [];

    /// <summary>What the program answers by default once its queue is empty (null: fail the test).</summary>
    public Dictionary<string, ProcessResult> Defaults { get; } = new() { ["scancel"] = new(0, "", "") };

    public FakeSlurmRunner Answer(string program, params ProcessResult[] answers)
    {
        if (!_answers.TryGetValue(program, out var q)) _answers[program] = q = new Queue<ProcessResult>();
        foreach (var a in answers) q.Enqueue(a);
        return this;
    }

    public FakeSlurmRunner Ok(string program, string stdout) => Answer(program, new ProcessResult(0, stdout, ""));

    public FakeSlurmRunner Error(string program, string stderr, int exitCode = 1) => Answer(program, new ProcessResult(exitCode, "", stderr));

    public ProcessResult Run(string program, IReadOnlyList<string> arguments, ProcessSettings? settings = null)
    {
        Calls.Add((program, arguments.ToList()));
        Environments.Add(settings?.Environment ?? new Dictionary<string, string>());
        if (_answers.TryGetValue(program, out var q) && q.Count > 0) return q.Dequeue();
        if (Defaults.TryGetValue(program, out var d)) return d;
        Assert.Fail($"unexpected call: {program} {string.Join(' ', arguments)}");
        throw new InvalidOperationException();
    }

    public IEnumerable<IReadOnlyList<string>> CallsTo(string program) =>
        Calls.Where(c => c.Program == program).Select(c => c.Arguments);
}
