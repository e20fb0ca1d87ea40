using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// Raw byte copies between CPU tensors and streams, through LibTorchSharp's THSTensor_data (the element
/// pointer, storage offset included). TorchSharp's own Storage.data_ptr() silently copies bf16 tensors
/// (PLATFORM.md), so it cannot be written through.
/// </summary>
internal static class TensorBytes
{
    private const int ChunkBytes = 4 << 20;

    [DllImport("LibTorchSharp")]
    private static extern IntPtr THSTensor_data(IntPtr handle);

    /// <summary>Writes a contiguous CPU tensor's bytes (little-endian, as held in memory).</summary>
    public static void WriteTo(Tensor contiguousCpu, Stream stream)
    {
        long total = contiguousCpu.NumberOfElements * contiguousCpu.ElementSize;
        var pointer = THSTensor_data(contiguousCpu.Handle);
        var buffer = new byte[(int)Math.Min(ChunkBytes, Math.Max(total, 1))];
        for (long done = 0; done < total;)
        {
            int n = (int)Math.Min(buffer.Length, total - done);
            Marshal.Copy(pointer + (nint)done, buffer, 0, n);
            stream.Write(buffer, 0, n);
            done += n;
        }
    }

    /// <summary>Fills a contiguous CPU tensor from exactly its byte size of <paramref name="stream"/>.</summary>
    public static void ReadFrom(Tensor contiguousCpu, Stream stream, string source)
    {
        long total = contiguousCpu.NumberOfElements * contiguousCpu.ElementSize;
        var pointer = THSTensor_data(contiguousCpu.Handle);
        var buffer = new byte[(int)Math.Min(ChunkBytes, Math.Max(total, 1))];
        for (long done = 0; done < total;)
        {
            int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, total - done));
            if (n == 0) throw Core.HoptException.BadInput($"{source}: file ends inside a tensor's data (truncated)");
            Marshal.Copy(buffer, 0, pointer + (nint)done, n);
            done += n;
        }
    }
}
