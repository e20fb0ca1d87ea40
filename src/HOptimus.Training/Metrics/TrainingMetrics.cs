using HOptimus.Distributed;
using HOptimus.Training.Options;
using HOptimus.Training.Schedules;

namespace HOptimus.Training.Metrics;

/// <summary>
/// Accumulates step results between log lines; every LogEverySteps it averages them (over steps and,
/// multi-rank, over ranks), writes metrics.jsonl and TensorBoard on rank 0, and logs one human line.
/// </summary>
public sealed class TrainingMetrics : IDisposable
{
    private readonly TrainerOptions _options;
    private readonly TrainerContext _context;
    private readonly MetricsLog? _jsonl;
    private readonly TensorBoardLog? _tensorBoard;
    private readonly double[] _sums = new double[Fields];
    private int _count;
    private double _seconds, _wait;
    private const int Fields = 8;

    public TrainingMetrics(TrainerOptions options, TrainerContext context, long startStep)
    {
        (_options, _context) = (options, context);
        if (context.Parallel.Rank != 0) return;
        _jsonl = new MetricsLog(context.Run.MetricsJsonl, context.Log);
        _jsonl.TruncateAfter(startStep);
        if (options.TensorBoard) _tensorBoard = new TensorBoardLog(Path.Combine(context.Run.Root, "tensorboard"), context.Log);
    }

    public string PlotPath => Path.Combine(_context.Run.Root, "loss-curve.png");

    /// <param name="step">Steps completed, including this one.</param>
    public void Record(long step, StepResult r, ScheduleValues schedule, double seconds, double wait, long skipped)
    {
        _seconds += seconds;
        _wait += wait;
        if (r.Finite)
        {
            double[] values = [r.Loss, r.DinoLocal, r.DinoGlobal, r.Ibot, r.KoLeo, r.TeacherEntropy, r.FeatureStd, r.GradNorm];
            for (var i = 0; i < Fields; i++) _sums[i] += values[i];
            _count++;
        }
        if (step % _options.LogEverySteps != 0 && step != _options.TotalSteps) return;
        var steps = step % _options.LogEverySteps == 0 ? _options.LogEverySteps : (int)(step % _options.LogEverySteps);
        Span<double> totals = stackalloc double[Fields + 1];
        for (var i = 0; i < Fields; i++) totals[i] = _sums[i];
        totals[Fields] = _count;
        if (_context.Parallel.Multi is { } comm) comm.Host.AllReduceSum(totals);
        var n = Math.Max(1, totals[Fields]);
        var m = new StepMetrics
        {
            Step = step, Loss = totals[0] / n, DinoLocal = totals[1] / n, DinoGlobal = totals[2] / n, Ibot = totals[3] / n,
            KoLeo = totals[4] / n, TeacherEntropy = totals[5] / n, FeatureStd = totals[6] / n, GradNorm = totals[7] / n,
            Lr = schedule.Lr, WeightDecay = schedule.WeightDecay, Momentum = schedule.Momentum,
            TeacherTemperature = schedule.TeacherTemperature,
            ImagesPerSecond = _options.Data.GlobalBatchSize * steps / Math.Max(_seconds, 1e-9),
            StepSeconds = _seconds / steps, DataWaitSeconds = _wait / steps, NonFiniteSkipped = skipped,
        };
        Array.Clear(_sums);
        (_count, _seconds, _wait) = (0, 0, 0);
        if (_context.Parallel.Rank != 0) return;
        _jsonl!.Write(m);
        _tensorBoard?.Write(m);
        _context.Log.Information(
            "step {Step}/{Total} loss {Loss:F4} (dino {DinoLocal:F3}+{DinoGlobal:F3} ibot {Ibot:F3} koleo {KoLeo:F3}) " +
            "lr {Lr:E2} T {Temp:F3} m {Momentum:F4} | teacher H {Entropy:F2} feat std {Std:F3} | {Ips:F1} img/s wait {Wait:P0}",
            step, _options.TotalSteps, m.Loss, m.DinoLocal, m.DinoGlobal, m.Ibot, m.KoLeo, m.Lr, m.TeacherTemperature,
            m.Momentum, m.TeacherEntropy, m.FeatureStd, m.ImagesPerSecond, m.DataWaitSeconds / Math.Max(m.StepSeconds, 1e-9));
    }

    /// <summary>Redraws loss-curve.png from metrics.jsonl (rank 0); failures are logged only.</summary>
    public void Plot()
    {
        if (_jsonl is not null) LossCurvePlot.TryWrite(_jsonl.Path, PlotPath, _context.Log);
    }

    public void Dispose()
    {
        _jsonl?.Dispose();
        _tensorBoard?.Dispose();
    }
}
