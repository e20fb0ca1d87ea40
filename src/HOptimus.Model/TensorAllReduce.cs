using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// In-place sum of a tensor over every rank. The losses take one so multi-rank training only has to pass
/// its communicator's all-reduce; null means a single process.
/// </summary>
public delegate void TensorAllReduce(Tensor tensor);
