using System.Diagnostics;
using HOptimus.Core;
using HOptimus.Model;
using HOptimus.Training.Checkpoints;
using HOptimus.Training.Data;
using HOptimus.Training.Metrics;
using HOptimus.Training.Optim;
using HOptimus.Training.Options;
using HOptimus.Training.Parallel;
using HOptimus.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace HOptimus.Training;

/// <summary>
/// The DINOv2 training loop of one rank: build student and teacher, resume from the newest valid
/// checkpoint, run steps, log, checkpoint every N steps, and stop at a step boundary, with a
/// checkpoint, when any rank got USR2/TERM. Multi-rank adds only <see cref="TrainerContext.Parallel"/>.
/// </summary>
public sealed class Trainer(TrainerOptions options, TrainerContext context)
{
    private static readonly object InitLock = new();
    private readonly Serilog.ILogger _log = context.Log;

    /// <summary>Why the last <see cref="Run"/> stopped early, as all ranks agreed; None when it completed.</summary>
    public StopReason StoppedFor { get; private set; }

    public TrainOutcome Run()
    {
        var parallel = context.Parallel;
        if (options.TorchThreads > 0) torch.set_num_threads(options.TorchThreads);
        var config = TrainingSetup.ModelConfig(options);
        var device = TrainingSetup.Device(options.Device, context.LocalRank);
        var shards = ShardSet.Open(options.Data.ShardDirectory ?? context.Run.Tiles);
        _log.Information("Data: {Tiles} tiles in {Shards} shards; global batch {Batch} = {World} ranks x {PerRank}",
            shards.TileCount, shards.Paths.Count, options.Data.GlobalBatchSize, parallel.WorldSize,
            options.Data.GlobalBatchSize / parallel.WorldSize);

        SslModel student, teacher;
        // In-process ranks (tests) share libtorch's global generator: seed and build under one lock so
        // every rank, like every MPI process, initialises from the same stream.
        lock (InitLock)
        {
            torch.manual_seed(options.Seed);
            student = new SslModel(config, options.Model, student: true);
            teacher = new SslModel(config, options.Model, student: false);
        }
        using var studentScope = student;
        using var teacherScope = teacher;
        student.to(device).train();
        teacher.to(device).eval();
        var groups = LayerwiseDecay.Groups(student.named_parameters().Select(p => (p.name, p.parameter)),
            config.Depth, options.Optim.LayerwiseDecay, options.Optim.PatchEmbedLrMultiplier);
        using var dataParallel = parallel.Multi is { } comm
            ? new DataParallel(comm, groups.Select(g => g.Parameter), parallel.Options)
            : null;
        dataParallel?.BroadcastParameters();
        EmaUpdate.Apply(teacher, student, momentum: 0); // the teacher starts as a copy of the student
        foreach (var p in teacher.parameters()) p.requires_grad = false;
        using var optimizer = new NamedAdamW(groups, options.Optim.Beta1, options.Optim.Beta2, options.Optim.Eps);
        _log.Information("Model {Model}: {Backbone:N0} backbone parameters, {Trainable:N0} trainable with heads, on {Device}",
            config.Name, config.ParameterCount(), groups.Sum(g => g.Parameter.numel()), device);

        var store = new CheckpointStore(context.Run.Checkpoints, _log);
        var state = Resume(store, student, teacher, optimizer);
        var step = state.Step;
        var schedules = new TrainingSchedules(options);
        var objective = new DinoV2Objective(options.Loss, parallel.WorldSize, parallel.TensorSum);
        var runner = new TrainingStep(options, student, teacher, optimizer, objective, parallel.Multi, dataParallel, context.Hooks, device);
        var order = new SampleOrder(shards.TileCount, options.Seed, options.Data.GlobalBatchSize, parallel.Rank, parallel.WorldSize);
        using var loader = new BatchLoader(shards, order, TrainingSetup.Augmenter(options), TrainingSetup.Masks(options, config),
                                           step, options.Data.ResolvedWorkers, options.Data.PrefetchBatches);
        using var metrics = new TrainingMetrics(options, context, step);

        var skipped = state.NonFiniteSkipped;
        var consecutive = state.ConsecutiveNonFinite;
        var lastSaved = step;
        TrainerState Snapshot() => new()
        {
            Step = step, GlobalBatchSize = options.Data.GlobalBatchSize, Seed = options.Seed,
            NextSamplePosition = step * options.Data.GlobalBatchSize,
            TorchRngState = Convert.ToBase64String(torch.get_rng_state().bytes.ToArray()),
            OptimizerSteps = optimizer.StepCounts.ToDictionary(), NonFiniteSkipped = skipped,
            ConsecutiveNonFinite = consecutive, WrittenBy = $"hopt-train {BuildInfo.Version}",
        };
        void Save()
        {
            if (parallel.Rank == 0)
            {
                var path = TrainingCheckpoint.Save(store, Snapshot(), student, teacher, optimizer, config, parallel.WorldSize,
                                                   options.Checkpoint.KeepLast);
                _log.Information("Checkpoint {Path} written", path);
                metrics.Plot();
            }
            parallel.Multi?.Barrier();
            lastSaved = step;
        }

        while (step < options.TotalSteps)
        {
            var stop = StopAgreed();
            if (stop != StopReason.None)
            {
                _log.Warning("Stop requested ({Reason}): checkpointing step {Step} and exiting for requeue", stop, step);
                if (lastSaved != step) Save();
                StoppedFor = stop;
                return TrainOutcome.Stopped;
            }
            var clock = Stopwatch.StartNew();
            StepResult result;
            double wait;
            using (var batch = loader.Next())
            {
                wait = batch.WaitSeconds;
                result = runner.Run(step, batch, schedules.At(step));
            }
            if (result.Finite)
            {
                consecutive = 0;
            }
            else
            {
                skipped++;
                consecutive++;
                _log.Warning("Step {Step}: loss is {Loss}; step skipped ({Consecutive} in a row, {Skipped} in all)",
                    step + 1, result.Loss, consecutive, skipped);
                if (consecutive >= options.MaxConsecutiveNonFiniteSteps)
                    throw new HoptException(
                        $"training diverged: the loss was NaN/inf for {consecutive} steps in a row (steps {step - consecutive + 2}..{step + 1}, " +
                        $"Train:MaxConsecutiveNonFiniteSteps = {options.MaxConsecutiveNonFiniteSteps}); the last good checkpoint " +
                        $"(step {lastSaved}) is kept. Lower Train:Optim:BaseLr or raise Train:Teacher:WarmupTemperature.",
                        ExitCodes.Failed);
            }
            step++;
            metrics.Record(step, result, schedules.At(step - 1), clock.Elapsed.TotalSeconds, wait, skipped);
            if (step % options.Checkpoint.EverySteps == 0 || step == options.TotalSteps) Save();
        }
        return TrainOutcome.Completed;
    }

    private TrainerState Resume(CheckpointStore store, SslModel student, SslModel teacher, NamedAdamW optimizer)
    {
        if (!options.Checkpoint.Resume) return new TrainerState();
        if (store.NewestValid() is not { } newest)
        {
            _log.Information("No valid checkpoint in {Dir}: starting at step 0", store.Directory);
            return new TrainerState();
        }
        var state = TrainingCheckpoint.Load(newest.Path, student, teacher, optimizer);
        if (state.GlobalBatchSize != options.Data.GlobalBatchSize || state.Seed != options.Seed)
            throw HoptException.Usage(
                $"{newest.Path}: written with Train:Data:GlobalBatchSize {state.GlobalBatchSize} and Train:Seed {state.Seed}, " +
                $"this run has {options.Data.GlobalBatchSize} and {options.Seed}; the data order and schedules would not continue. " +
                "Use the same values, or start a new run (Train:Checkpoint:Resume=false).");
        torch.set_rng_state(torch.tensor(Convert.FromBase64String(state.TorchRngState), dtype: ScalarType.Byte));
        _log.Information("Resumed from {Path} at step {Step} (checkpoint of {World} ranks)", newest.Path, state.Step, newest.Manifest.WorldSize);
        return state;
    }

    /// <summary>The stop every rank acts on at this boundary, so all checkpoint the same step.</summary>
    private StopReason StopAgreed()
    {
        var local = context.Signal?.Reason ?? StopReason.None;
        return context.Parallel.Multi is { } comm ? StopAgreement.Agree(comm, local) : local;
    }
}
