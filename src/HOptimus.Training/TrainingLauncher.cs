using HOptimus.Core;
using HOptimus.Distributed;
using HOptimus.Training.Data;
using Serilog;

namespace HOptimus.Training;

/// <summary>
/// What hopt-train does once its flags are parsed: print or dry-run the config, or set up the run
/// folder, logs, signals and communicator and train. Returns the process exit code.
/// </summary>
public static class TrainingLauncher
{
    public static int Run(string runDirectory, TrainConfig config, bool dryRun, bool printConfig, bool verbose)
    {
        if (printConfig)
        {
            Console.WriteLine(Json.Serialize(config));
            return ExitCodes.Done;
        }
        var run = new RunDirectory(Path.GetFullPath(runDirectory));
        var options = config.Train;
        if (dryRun) return DryRun(run, config);

        run.Create();
        var slurm = SlurmEnvironment.FromEnvironment();
        Log.Logger = Logging.Create("hopt-train", slurm, run.Logs, verbose);
        using var signal = ShutdownSignal.Install();
        using var comm = CommunicatorFactory.Create(config.Distributed, slurm, Log.Logger);
        if (comm.Rank != slurm.Rank) // launched by mpirun rather than srun: tag the logs with the MPI rank
            Log.Logger = Logging.Create("hopt-train", slurm with { Rank = comm.Rank }, run.Logs, verbose);
        if (comm.Rank == 0)
            Json.WriteAtomic(Path.Combine(run.Root, "config", "train.resolved.json"), config);
        var context = new TrainerContext(run, Log.Logger)
        {
            Signal = signal, Parallel = new TrainerParallel(comm, config.Parallel), LocalRank = slurm.LocalRank,
        };
        var trainer = new Trainer(options, context);
        TrainOutcome outcome;
        try
        {
            outcome = trainer.Run();
        }
        catch (HoptException e) when (comm.Size > 1)
        {
            // One rank's error (a corrupt tile it alone read) must end every rank now, not at the wall clock.
            comm.Abort($"rank {comm.Rank}: {e.Message}", e.ExitCode);
            throw;
        }
        Log.Information("hopt-train {Outcome} (rank {Rank} of {World})", outcome, comm.Rank, comm.Size);
        if (comm.Rank == 0 && outcome == TrainOutcome.Stopped)
            RecordStopReason(run, trainer.StoppedFor);
        return outcome == TrainOutcome.Stopped ? ExitCodes.Requeue : ExitCodes.Done;
    }

    /// <summary>
    /// jobs/train.sbatch reads this to tell a wall-clock stop (USR2 from --signal, capped requeues) from a
    /// preemption or scancel (TERM, always requeued), since both exit 75.
    /// </summary>
    private static void RecordStopReason(RunDirectory run, StopReason reason) =>
        AtomicFile.WriteAllText(Path.Combine(run.Root, StopReasonFile), reason == StopReason.WallClock ? "timeout\n" : "preempted\n");

    public const string StopReasonFile = "stop-reason";

    private static int DryRun(RunDirectory run, TrainConfig config)
    {
        var o = config.Train;
        var model = TrainingSetup.ModelConfig(o);
        var shards = ShardSet.Open(o.Data.ShardDirectory ?? run.Tiles);
        var epochs = (double)o.TotalSteps * o.Data.GlobalBatchSize / shards.TileCount;
        Console.WriteLine($"hopt-train dry run: {run.Root}");
        Console.WriteLine($"  model {model.Name}: {model.ParameterCount():N0} backbone parameters, device {o.Device}, precision {o.Model.Precision}");
        Console.WriteLine($"  data {shards.TileCount:N0} tiles in {shards.Paths.Count} shards; {o.TotalSteps} steps x {o.Data.GlobalBatchSize} images = {epochs:F2} epochs");
        Console.WriteLine($"  crops {o.Crops.GlobalCount}x{o.Crops.GlobalSize} + {o.Crops.LocalCount}x{o.Crops.LocalSize}; checkpoints every {o.Checkpoint.EverySteps} steps, keep {o.Checkpoint.KeepLast}");
        return ExitCodes.Done;
    }
}
