using HOptimus.Evaluation.Images;

namespace HOptimus.Evaluation.Tasks;

/// <summary>Pixels of a dataset's samples by index; safe to call from several threads at once.</summary>
public interface IImageSource : IDisposable
{
    RgbImage Read(int sample);
}
