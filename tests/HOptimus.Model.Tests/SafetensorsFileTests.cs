using System.Text.Json;
using HOptimus.Core;
using HOptimus.Model;
using static TorchSharp.torch;

namespace HOptimus.Model.Tests;

public class SafetensorsFileTests
{
    private string dir = "";

    [SetUp]
    public void MakeDir()
    {
        dir = Path.Combine(Path.GetTempPath(), "hopt-st-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        manual_seed(11);
    }

    [TearDown]
    public void RemoveDir() => Directory.Delete(dir, recursive: true);

    private static Dictionary<string, Tensor> Sample() => new()
    {
        ["blocks.0.attn.qkv.weight"] = randn(6, 4),
        ["cls_token"] = randn(1, 1, 4),
        ["scalar_like"] = tensor(new[] { 3.25f }),
        ["counts"] = tensor(new long[] { 1, -2, 1L << 40 }),
        ["half"] = randn(3, 2).to(ScalarType.BFloat16),
    };

    [Test]
    public void Write_ThenRead_GivesBackEveryTensorBitForBit()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(dir, "a.safetensors");
        var tensors = Sample();
        SafetensorsFile.Write(path, tensors, new Dictionary<string, string> { ["format"] = "pt" });
        var back = SafetensorsFile.Read(path);
        Assert.That(back.Keys, Is.EqualTo(tensors.Keys), "file order = given order");
        foreach (var (k, t) in tensors)
        {
            Assert.That(back[k].dtype, Is.EqualTo(t.dtype), k);
            Assert.That(back[k].shape, Is.EqualTo(t.shape), k);
            Assert.That(back[k].equal(t).all().item<bool>(), Is.True, k);
        }
        Assert.That(SafetensorsFile.ReadHeader(path).Metadata["format"], Is.EqualTo("pt"));
        Assert.That(Directory.GetFiles(dir), Has.Length.EqualTo(1), "no temp file left behind");
    }

    [Test]
    public void Bf16Conversion_OnWrite_RoundsFloatTensorsOnly()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(dir, "b.safetensors");
        var tensors = Sample();
        SafetensorsFile.Write(path, tensors, dtype: ScalarType.BFloat16);
        var back = SafetensorsFile.Read(path);
        Assert.That(back["cls_token"].dtype, Is.EqualTo(ScalarType.BFloat16));
        Assert.That(back["counts"].dtype, Is.EqualTo(ScalarType.Int64));
        Assert.That(back["cls_token"].equal(tensors["cls_token"].to(ScalarType.BFloat16)).all().item<bool>(), Is.True);
    }

    [Test]
    public void PythonWithJsonAndNumpy_ReadsEveryKeyShapeDtypeAndValue()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(dir, "c.safetensors");
        var tensors = Sample();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["hopt.note"] = "é unicode" };
        SafetensorsFile.Write(path, tensors, metadata);
        var expected = new
        {
            metadata,
            tensors = tensors.ToDictionary(kv => kv.Key, kv => new
            {
                dtype = SafetensorsFile.Code(kv.Value.dtype),
                shape = kv.Value.shape,
                values = kv.Value.to(ScalarType.Float64).data<double>().ToArray(),
            }),
        };
        var expectedPath = Path.Combine(dir, "expected.json");
        File.WriteAllText(expectedPath, JsonSerializer.Serialize(expected));
        var (code, output) = PythonInterop.Run(PythonInterop.Script("safetensors_check.py"), "check", path, expectedPath);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("ok 5 tensors"));
    }

    [Test]
    public void AFileWrittenByPython_IsRead()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(dir, "py.safetensors");
        var (code, output) = PythonInterop.Run(PythonInterop.Script("safetensors_check.py"), "write", path);
        Assert.That(code, Is.EqualTo(0), output);
        var back = SafetensorsFile.Read(path);
        Assert.That(back["a"].data<float>().ToArray(), Is.EqualTo(new[] { 0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f }));
        Assert.That(back["b"].dtype, Is.EqualTo(ScalarType.BFloat16));
        Assert.That(back["b"].to(ScalarType.Float32).data<float>().ToArray(), Is.EqualTo(new[] { 1.5f, -2f, 0.25f }));
    }

    [Test]
    public void TruncatedOrGarbageFiles_AreRefusedNamingTheFile()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(dir, "t.safetensors");
        SafetensorsFile.Write(path, Sample());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);
        var truncated = Assert.Throws<HoptException>(() => SafetensorsFile.Read(path))!;
        Assert.That(truncated.Message, Does.Contain(path).And.Contain("data_offsets"));
        File.WriteAllBytes(path, "not a safetensors file at all"u8.ToArray());
        var garbage = Assert.Throws<HoptException>(() => SafetensorsFile.Read(path))!;
        Assert.That(garbage.Message, Does.Contain(path).And.Contain("not a safetensors file"));
        Assert.That(garbage.ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }
}
