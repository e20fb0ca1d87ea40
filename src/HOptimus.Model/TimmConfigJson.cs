using System.Text.Json;
using System.Text.Json.Nodes;
using HOptimus.Core;

namespace HOptimus.Model;

/// <summary>
/// config.json in the layout timm reads from the Hugging Face hub (architecture, num_classes, num_features,
/// global_pool, model_args, pretrained_cfg), plus "hopt_model": the <see cref="ViTConfig"/> that rebuilds it here.
/// </summary>
public static class TimmConfigJson
{
    public const string FileName = "config.json";

    public static string Render(ViTConfig config, IReadOnlyList<float> mean, IReadOnlyList<float> std, string tag)
    {
        var root = new JsonObject
        {
            ["architecture"] = config.TimmArchitecture,
            ["num_classes"] = 0,
            ["num_features"] = config.NumFeatures,
            ["global_pool"] = "token",
            ["model_args"] = JsonSerializer.SerializeToNode(config.TimmModelArgs()),
            ["pretrained_cfg"] = new JsonObject
            {
                ["tag"] = tag,
                ["custom_load"] = false,
                ["input_size"] = new JsonArray(config.InChannels, config.ImageSize, config.ImageSize),
                ["fixed_input_size"] = false,
                ["interpolation"] = "bicubic",
                ["crop_pct"] = 1.0,
                ["crop_mode"] = "center",
                ["mean"] = new JsonArray(mean.Select(m => (JsonNode)(double)(decimal)m).ToArray()),
                ["std"] = new JsonArray(std.Select(s => (JsonNode)(double)(decimal)s).ToArray()),
                ["num_classes"] = 0,
                ["pool_size"] = null,
                ["first_conv"] = "patch_embed.proj",
                ["classifier"] = "head",
            },
            ["hopt_model"] = JsonSerializer.SerializeToNode(config, Json.Options),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Reads the config, mean and std back; a missing or malformed field names the file and the field.</summary>
    public static (ViTConfig Config, float[] Mean, float[] Std) Parse(string path)
    {
        if (!File.Exists(path)) throw HoptException.BadInput($"{path}: file not found");
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var model = root["hopt_model"] ?? throw new FormatException("no \"hopt_model\" (the architecture this project rebuilds)");
            var config = model.Deserialize<ViTConfig>(Json.Options)!;
            var cfg = root["pretrained_cfg"] ?? throw new FormatException("no \"pretrained_cfg\"");
            var mean = cfg["mean"]!.AsArray().Select(n => (float)n!.GetValue<double>()).ToArray();
            var std = cfg["std"]!.AsArray().Select(n => (float)n!.GetValue<double>()).ToArray();
            if (mean.Length != config.InChannels || std.Length != config.InChannels)
                throw new FormatException($"pretrained_cfg mean/std need {config.InChannels} values each");
            return (config.Validated(), mean, std);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException)
        {
            throw HoptException.BadInput($"{path}: invalid export config: {e.Message}", e);
        }
    }
}
