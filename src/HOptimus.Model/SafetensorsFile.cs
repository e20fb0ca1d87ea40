using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using HOptimus.Core;
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// The safetensors format (huggingface/safetensors): an 8-byte little-endian header length, a JSON header
/// {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}} padded with spaces to 8
/// bytes, then the raw little-endian tensor bytes. Written atomically (temp, fsync, rename).
/// </summary>
public static class SafetensorsFile
{
    private static readonly Dictionary<ScalarType, string> Codes = new()
    {
        [ScalarType.Float32] = "F32", [ScalarType.BFloat16] = "BF16", [ScalarType.Float16] = "F16",
        [ScalarType.Float64] = "F64", [ScalarType.Int64] = "I64", [ScalarType.Int32] = "I32",
        [ScalarType.Int16] = "I16", [ScalarType.Int8] = "I8", [ScalarType.Byte] = "U8", [ScalarType.Bool] = "BOOL",
    };
    private static readonly Dictionary<string, ScalarType> Types = Codes.ToDictionary(kv => kv.Value, kv => kv.Key);

    /// <summary>Maximum header size accepted on read (100 MB, the reference implementation's limit).</summary>
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// Writes <paramref name="tensors"/> in their enumeration order. <paramref name="dtype"/>, when given,
    /// converts every floating tensor to it (e.g. bf16 exports of fp32 weights).
    /// </summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null, ScalarType? dtype = null)
    {
        using var scope = NewDisposeScope();
        var prepared = new List<(string Name, Tensor Data)>();
        foreach (var (name, tensor) in tensors)
        {
            var t = tensor.detach().cpu();
            if (dtype is { } target && t.is_floating_point()) t = t.to(target);
            if (!Codes.ContainsKey(t.dtype)) throw new ArgumentException($"safetensors: tensor '{name}' has unsupported dtype {t.dtype}");
            prepared.Add((name, t.contiguous()));
        }
        var header = HeaderBytes(prepared, metadata);
        AtomicFile.Write(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var (_, data) in prepared) TensorBytes.WriteTo(data, stream);
        });
    }

    /// <summary>Reads every tensor (CPU, the file's dtype). Bad files are refused naming the file and the problem.</summary>
    public static Dictionary<string, Tensor> Read(string path) => Read(path, _ => true);

    /// <summary>Reads the tensors whose name passes <paramref name="include"/>, in file order; the rest is never read.</summary>
    public static Dictionary<string, Tensor> Read(string path, Func<string, bool> include)
    {
        var all = ReadHeader(path);
        var header = all with { Entries = all.Entries.Where(e => include(e.Name)).ToList() };
        var result = new Dictionary<string, Tensor>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        foreach (var entry in header.Entries.OrderBy(e => e.Begin))
        {
            var tensor = empty(entry.Shape, Types[entry.DType]);
            stream.Seek(header.DataStart + entry.Begin, SeekOrigin.Begin);
            TensorBytes.ReadFrom(tensor, stream, path);
            result[entry.Name] = tensor;
        }
        return header.Entries.ToDictionary(e => e.Name, e => result[e.Name]);
    }

    /// <summary>Parses and checks the header only: dtypes known, byte ranges matching shapes, inside the file.</summary>
    public static SafetensorsHeader ReadHeader(string path)
    {
        if (!File.Exists(path)) throw HoptException.BadInput($"{path}: file not found");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.Read(lengthBytes) != 8) throw HoptException.BadInput($"{path}: not a safetensors file (shorter than 8 bytes)");
        var length = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (length > MaxHeaderBytes || (long)length > stream.Length - 8)
            throw HoptException.BadInput($"{path}: not a safetensors file (header length {length} does not fit the file of {stream.Length} bytes)");
        var json = new byte[length];
        stream.ReadExactly(json);
        long dataStart = 8 + (long)length, dataBytes = stream.Length - dataStart;
        try
        {
            return Parse(json, dataStart, dataBytes);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw HoptException.BadInput($"{path}: invalid safetensors header: {e.Message}", e);
        }
    }

    private static SafetensorsHeader Parse(byte[] json, long dataStart, long dataBytes)
    {
        using var doc = JsonDocument.Parse(json);
        var entries = new List<SafetensorsEntry>();
        var metadata = new Dictionary<string, string>();
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                foreach (var m in property.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? "";
                continue;
            }
            var dtype = property.Value.GetProperty("dtype").GetString()!;
            if (!Types.TryGetValue(dtype, out var type))
                throw new FormatException($"tensor '{property.Name}' has unsupported dtype '{dtype}'");
            var shape = property.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            long bytes = shape.Aggregate(1L, (a, b) => a * b) * ElementSize(type);
            if (offsets.Length != 2 || offsets[1] - offsets[0] != bytes || offsets[0] < 0 || offsets[1] > dataBytes)
                throw new FormatException($"tensor '{property.Name}': data_offsets [{string.Join(", ", offsets)}] do not hold " +
                                          $"{dtype}{TimmKeys.Format(shape)} ({bytes} bytes) inside {dataBytes} data bytes");
            entries.Add(new SafetensorsEntry(property.Name, dtype, shape, offsets[0], offsets[1]));
        }
        return new SafetensorsHeader(entries, metadata, dataStart);
    }

    private static byte[] HeaderBytes(List<(string Name, Tensor Data)> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata) writer.WriteString(k, v);
                writer.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, data) in tensors)
            {
                long bytes = data.NumberOfElements * data.ElementSize;
                writer.WriteStartObject(name);
                writer.WriteString("dtype", Codes[data.dtype]);
                writer.WriteStartArray("shape");
                foreach (var d in data.shape) writer.WriteNumberValue(d);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + bytes);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += bytes;
            }
            writer.WriteEndObject();
        }
        // Pad with spaces so the data section starts 8-byte aligned, as the reference writer does.
        var json = buffer.ToArray();
        int padded = (json.Length + 7) / 8 * 8;
        var header = Enumerable.Repeat((byte)' ', padded).ToArray();
        json.CopyTo(header, 0);
        return header;
    }

    private static long ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.BFloat16 or ScalarType.Float16 or ScalarType.Int16 => 2,
        _ => 1,
    };

    /// <summary>The safetensors dtype code of a scalar type ("F32", "BF16", …).</summary>
    public static string Code(ScalarType type) => Codes[type];
}
