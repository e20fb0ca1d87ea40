using HOptimus.Core;
using HOptimus.Model;
using static TorchSharp.torch;

namespace HOptimus.Consolidate;

/// <summary>
/// The teacher backbone of a checkpoint as timm-keyed fp32 tensors: "teacher.backbone.&lt;timm key&gt;" with the
/// prefix removed and the non-timm mask token left out. Keys and shapes are checked against the manifest's
/// model config from the header alone, before any tensor data is read.
/// </summary>
public static class TeacherWeights
{
    public static Dictionary<string, Tensor> Read(VerifiedCheckpoint checkpoint)
    {
        var path = checkpoint.ModelPath;
        const string prefix = CheckpointManifest.TeacherPrefix;
        var header = SafetensorsFile.ReadHeader(path);
        var shapes = header.Entries
            .Where(e => e.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(e => (Key: e.Name[prefix.Length..], e.Shape))
            .Where(e => e.Key != VisionTransformer.MaskTokenKey)
            .ToDictionary(e => e.Key, e => e.Shape);
        if (shapes.Count == 0)
            throw HoptException.BadInput($"{path}: no '{prefix}*' tensors: not a checkpoint with a teacher backbone");
        var problems = TimmKeys.Mismatches(checkpoint.Model, shapes);
        if (problems.Count > 0)
            throw HoptException.BadInput(
                $"{path}: teacher backbone does not match the manifest's model {checkpoint.Model.Name} " +
                $"({checkpoint.Model.TimmArchitecture}, {checkpoint.Model.EmbedDim}x{checkpoint.Model.Depth}):\n  - " +
                string.Join("\n  - ", problems.Take(20)) + (problems.Count > 20 ? $"\n  - … {problems.Count - 20} more" : ""));
        return SafetensorsFile.Read(path, name => name.StartsWith(prefix, StringComparison.Ordinal) && shapes.ContainsKey(name[prefix.Length..]))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value.to(ScalarType.Float32));
    }
}
