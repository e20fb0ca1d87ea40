using static TorchSharp.torch;

namespace HOptimus.Training;

/// <summary>
/// The outputs of one forward: the total loss to back-propagate and its weighted terms plus the
/// collapse signals, as scalar tensors (read to the host only when logged).
/// </summary>
public sealed record StepLosses(Tensor Total, Tensor DinoLocal, Tensor DinoGlobal, Tensor Ibot, Tensor KoLeo,
                                Tensor TeacherEntropy, Tensor FeatureStd);
