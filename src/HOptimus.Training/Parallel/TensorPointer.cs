using System.Runtime.InteropServices;
using TorchSharp;

namespace HOptimus.Training.Parallel;

/// <summary>
/// The address of a tensor's first element, host or device, without a copy: LibTorchSharp's
/// THSTensor_data (storage offset included). Storage.data_ptr() silently copies bf16 tensors, and
/// data&lt;T&gt;() spans are host-only, so neither serves a device all-reduce.
/// </summary>
public static class TensorPointer
{
    public static IntPtr Of(torch.Tensor tensor)
    {
        if (!tensor.is_contiguous())
            throw new ArgumentException("collectives need a contiguous tensor; call .contiguous() first", nameof(tensor));
        var pointer = THSTensor_data(tensor.Handle);
        if (pointer == IntPtr.Zero && tensor.numel() > 0) torch.CheckForErrors();
        return pointer;
    }

    [DllImport("LibTorchSharp")]
    private static extern IntPtr THSTensor_data(IntPtr handle);
}
