using Serilog;
using TorchSharp.Modules;
using static TorchSharp.torch.utils;

namespace HOptimus.Training.Metrics;

/// <summary>
/// TensorBoard scalars through TorchSharp's SummaryWriter, in &lt;run&gt;/tensorboard/. A side channel:
/// any failure disables it with one warning.
/// </summary>
public sealed class TensorBoardLog(string directory, ILogger log) : IDisposable
{
    private SummaryWriter? _writer;
    private bool _failed;

    public void Write(StepMetrics m)
    {
        if (_failed) return;
        try
        {
            _writer ??= tensorboard.SummaryWriter(directory, createRunName: false);
            var step = checked((int)m.Step);
            foreach (var (name, value) in new (string, double)[]
                     {
                         ("loss/total", m.Loss), ("loss/dino_local", m.DinoLocal), ("loss/dino_global", m.DinoGlobal),
                         ("loss/ibot", m.Ibot), ("loss/koleo", m.KoLeo), ("schedule/lr", m.Lr),
                         ("schedule/weight_decay", m.WeightDecay), ("schedule/momentum", m.Momentum),
                         ("schedule/teacher_temperature", m.TeacherTemperature), ("collapse/teacher_entropy", m.TeacherEntropy),
                         ("collapse/feature_std", m.FeatureStd), ("optim/grad_norm", m.GradNorm),
                         ("speed/images_per_second", m.ImagesPerSecond), ("speed/data_wait_seconds", m.DataWaitSeconds),
                     })
                _writer.add_scalar(name, (float)value, step);
        }
        catch (Exception e)
        {
            _failed = true;
            log.Warning("TensorBoard events disabled after an error: {Error}", e.Message);
        }
    }

    public void Dispose() => (_writer as IDisposable)?.Dispose();
}
