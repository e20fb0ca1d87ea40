// Shapes: G = 2 global crops, L local crops, B images of this rank, P patches, S/s crop sides.
using HOptimus.Distributed;
using HOptimus.Model;
using HOptimus.Training.Data;
using HOptimus.Training.Optim;
using HOptimus.Training.Options;
using HOptimus.Training.Parallel;
using HOptimus.Training.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HOptimus.Training;

/// <summary>What one step produced, as host numbers.</summary>
public sealed record StepResult(bool Finite, double Loss, double DinoLocal, double DinoGlobal, double Ibot, double KoLeo,
                                double TeacherEntropy, double FeatureStd, double GradNorm);

/// <summary>
/// One optimizer step: forward of teacher and student, loss, and either (finite loss) backward,
/// gradient averaging, per-module clipping, AdamW and the EMA update, or (NaN/inf on any rank) nothing.
/// Everything runs in a dispose scope so native memory is freed at once.
/// </summary>
public sealed class TrainingStep(TrainerOptions options, SslModel student, SslModel teacher, NamedAdamW optimizer,
                                 DinoV2Objective objective, ICommunicator? multi, DataParallel? dataParallel, TrainerHooks hooks,
                                 Device device)
{

    public StepResult Run(long step, CropBatch batch, ScheduleValues schedule)
    {
        using var scope = NewDisposeScope();
        var crops = options.Crops;
        var global = tensor(batch.Global, [crops.GlobalCount * batch.Batch, 3, crops.GlobalSize, crops.GlobalSize]).to(device);
        var local = crops.LocalCount > 0
            ? tensor(batch.Local, [crops.LocalCount * batch.Batch, 3, crops.LocalSize, crops.LocalSize]).to(device)
            : empty(0);
        var patches = batch.Masks.Length / (crops.GlobalCount * batch.Batch);
        var masks = tensor(batch.Masks, [crops.GlobalCount * batch.Batch, patches]).to(device);

        var losses = objective.Compute(student, teacher, global, local, masks, crops.LocalCount, schedule.TeacherTemperature);
        var total = hooks.TransformLoss?.Invoke(step, losses.Total) ?? losses.Total;
        var lossValue = total.item<float>();
        var finite = float.IsFinite(lossValue);
        // Every rank must take the same branch, or the gradient all-reduce would wait forever.
        if (multi is not null) finite = !multi.Host.AnyRank(!finite);

        double gradNorm = double.NaN;
        if (finite)
        {
            total.backward();
            dataParallel?.AverageGradients();
            gradNorm = ClipGradients();
            optimizer.Step(schedule.Lr, schedule.WeightDecay, schedule.FreezeLastLayer);
            EmaUpdate.Apply(teacher, student, schedule.Momentum);
        }
        optimizer.ZeroGrad();
        return new StepResult(finite, lossValue, losses.DinoLocal.item<float>(), losses.DinoGlobal.item<float>(),
                              losses.Ibot.item<float>(), losses.KoLeo.item<float>(), losses.TeacherEntropy.item<float>(),
                              losses.FeatureStd.item<float>(), gradNorm);
    }

    /// <summary>DINOv2 clips backbone and each head separately; returns the norm over all before clipping.</summary>
    private double ClipGradients()
    {
        double sumSquares = 0;
        foreach (var module in student.ClipGroups)
        {
            var parameters = module.parameters().Where(p => p.requires_grad && p.grad is not null).ToList();
            if (parameters.Count == 0) continue;
            var norm = options.Optim.ClipGradNorm > 0
                ? nn.utils.clip_grad_norm_(parameters, options.Optim.ClipGradNorm)
                : Norm(parameters);
            sumSquares += norm * norm;
        }
        return Math.Sqrt(sumSquares);
    }

    private static double Norm(IEnumerable<Parameter> parameters)
    {
        using var two = HeldScalar.Of(2);
        return Math.Sqrt(parameters.Sum(p => p.grad!.pow(two).sum().item<float>()));
    }
}
