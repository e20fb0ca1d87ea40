using HOptimus.Core;
using HOptimus.Model;
using static TorchSharp.torch;

namespace HOptimus.Integration.Tests.Consolidate;

/// <summary>
/// Writes a checkpoint step folder by hand, exactly as contracts.md defines it (model.safetensors with
/// student./teacher. logical names, a second file, manifest.json last), so consolidation is tested
/// without the trainer. Returns the teacher backbone's timm weights it wrote.
/// </summary>
internal static class CheckpointFixture
{
    public static readonly ViTConfig Tiny = ViTConfig.Preset("vit-tiny");

    public static Dictionary<string, Tensor> Write(string run, long step, int seed, ViTConfig? weightsConfig = null,
        ViTConfig? manifestConfig = null)
    {
        manual_seed(seed);
        var config = weightsConfig ?? Tiny;
        var head = new DinoHeadConfig { OutDim = 32, HiddenDim = 16, BottleneckDim = 8 };
        using var student = new VisionTransformer(config, new BackboneOptions { MaskToken = true });
        using var teacher = new VisionTransformer(config, new BackboneOptions { MaskToken = true });
        using var studentHead = new DinoHead(config.EmbedDim, head);
        using var teacherHead = new DinoHead(config.EmbedDim, head);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, p) in student.named_parameters()) tensors["student.backbone." + name] = p;
        foreach (var (name, p) in studentHead.named_parameters()) tensors["student.dino_head." + name] = p;
        foreach (var (name, p) in teacher.named_parameters()) tensors["teacher.backbone." + name] = p;
        foreach (var (name, p) in teacherHead.named_parameters()) tensors["teacher.dino_head." + name] = p;

        var dir = Path.Combine(run, "checkpoints", $"step-{step:D6}");
        var temp = dir + ".tmp";
        Directory.CreateDirectory(temp);
        SafetensorsFile.Write(Path.Combine(temp, "model.safetensors"), tensors);
        File.WriteAllText(Path.Combine(temp, "trainer-state.json"), $"{{\"step\": {step}}}\n");
        var files = new[] { "model.safetensors", "trainer-state.json" }
            .Select(f => new ExportFile(f, new FileInfo(Path.Combine(temp, f)).Length, Checksums.Sha256File(Path.Combine(temp, f))))
            .ToList();
        Json.WriteAtomic(Path.Combine(temp, "manifest.json"), new
        {
            formatVersion = 1, step, worldSize = 4, model = manifestConfig ?? config, files,
        });
        AtomicFile.CommitDirectory(temp, dir);
        return teacher.TimmStateDict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
    }

    public static string StepDir(string run, long step) => Path.Combine(run, "checkpoints", $"step-{step:D6}");
}
