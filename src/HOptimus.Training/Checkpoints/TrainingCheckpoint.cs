using HOptimus.Core;
using HOptimus.Model;
using HOptimus.Training.Optim;
using TorchSharp;
using static TorchSharp.torch;

namespace HOptimus.Training.Checkpoints;

/// <summary>
/// The files of one training checkpoint: model.safetensors (student.* and teacher.* by logical name,
/// fp32), optimizer.safetensors (AdamW moments by the same names + ".exp_avg"/".exp_avg_sq"),
/// trainer-state.json. Nothing depends on the world size, so any world size can resume.
/// </summary>
public static class TrainingCheckpoint
{
    public const string ModelFile = "model.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string StateFile = "trainer-state.json";

    public static string Save(CheckpointStore store, TrainerState state, SslModel student, SslModel teacher, NamedAdamW optimizer,
                              ViTConfig config, int worldSize, int keepLast)
    {
        return store.Save(state.Step,
            files => new CheckpointManifest { Step = state.Step, WorldSize = worldSize, Model = config, Files = files },
            temp =>
            {
                using var scope = NewDisposeScope();
                var weights = new Dictionary<string, Tensor>();
                foreach (var (name, t) in student.state_dict()) weights["student." + name] = HostFloat(t);
                foreach (var (name, t) in teacher.state_dict()) weights["teacher." + name] = HostFloat(t);
                SafetensorsFile.Write(Path.Combine(temp, ModelFile), weights);
                var moments = optimizer.MomentTensors().ToDictionary(kv => "student." + kv.Key, kv => HostFloat(kv.Value));
                SafetensorsFile.Write(Path.Combine(temp, OptimizerFile), moments);
                File.WriteAllText(Path.Combine(temp, StateFile), Json.Serialize(state) + "\n");
            },
            keepLast);
    }

    /// <summary>Loads a verified checkpoint into the live modules and optimizer; returns its trainer state.</summary>
    public static TrainerState Load(string path, SslModel student, SslModel teacher, NamedAdamW optimizer)
    {
        var state = Json.Read<TrainerState>(Path.Combine(path, StateFile));
        using var scope = NewDisposeScope();
        var modelPath = Path.Combine(path, ModelFile);
        var weights = SafetensorsFile.Read(modelPath);
        CopyInto(student, "student.", weights, modelPath);
        CopyInto(teacher, "teacher.", weights, modelPath);
        var optimizerPath = Path.Combine(path, OptimizerFile);
        var moments = SafetensorsFile.Read(optimizerPath)
            .Where(kv => kv.Key.StartsWith("student.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key["student.".Length..], kv => kv.Value);
        optimizer.Load(moments, state.OptimizerSteps, optimizerPath);
        return state;
    }

    private static void CopyInto(nn.Module module, string prefix, IReadOnlyDictionary<string, Tensor> weights, string source)
    {
        using var _ = no_grad();
        var missing = new List<string>();
        foreach (var (name, t) in module.state_dict())
        {
            if (!weights.TryGetValue(prefix + name, out var saved)) { missing.Add(prefix + name); continue; }
            if (!saved.shape.SequenceEqual(t.shape))
                throw HoptException.BadInput($"{source}: {prefix}{name} has shape [{string.Join(",", saved.shape)}], the model [{string.Join(",", t.shape)}]");
            t.copy_(saved);
        }
        if (missing.Count > 0)
            throw HoptException.BadInput($"{source}: lacks {missing.Count} tensors of the model, e.g. {string.Join(", ", missing.Take(5))}");
    }

    private static Tensor HostFloat(Tensor t) => t.detach().to(ScalarType.Float32).cpu().contiguous();
}
