using System.Text.Json;
using System.Text.Json.Nodes;
using HOptimus.Core;

namespace HOptimus.Slurm.Pipelines;

/// <summary>
/// Reads a pipeline file, merges later layers over it (objects merge key by key, anything else is
/// replaced) and applies --set overrides addressed by dotted path (stages.train.nodes=2). A stage's
/// "configFiles" (recipes, relative to the file that names them) are merged in order under its
/// inline "config", which is what reaches &lt;run&gt;/config/&lt;stage&gt;.json.
/// </summary>
public static class PipelineLoader
{
    public static PipelineSpec Load(string path, IEnumerable<string>? layers = null, IEnumerable<string>? overrides = null)
    {
        var root = ReadObject(path);
        InlineConfigFiles(root, path);
        foreach (var layer in layers ?? [])
        {
            var next = ReadObject(layer);
            InlineConfigFiles(next, layer);
            Merge(root, next);
        }
        foreach (var o in overrides ?? []) Apply(root, o);
        try
        {
            var spec = root.Deserialize<PipelineSpec>(Json.Options) ?? throw HoptException.Usage($"{path}: empty pipeline");
            return spec.Validated();
        }
        catch (JsonException e)
        {
            throw HoptException.Usage($"{path}: {e.Message}");
        }
        catch (HoptException e) when (e.ExitCode == ExitCodes.Usage && !e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw HoptException.Usage($"{path}: {e.Message}");
        }
    }

    private static JsonObject ReadObject(string path)
    {
        if (!File.Exists(path)) throw HoptException.Usage($"{path}: file not found");
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            }) as JsonObject ?? throw HoptException.Usage($"{path}: the pipeline must be a JSON object");
        }
        catch (JsonException e)
        {
            throw HoptException.Usage($"{path}: invalid JSON at line {e.LineNumber + 1}: {e.Message}");
        }
    }

    private static void InlineConfigFiles(JsonObject root, string path)
    {
        if (root["stages"] is not JsonObject stages) return;
        foreach (var (name, node) in stages.ToList())
        {
            if (node is not JsonObject stage || stage["configFiles"] is not { } files) continue;
            if (files is not JsonArray list) throw HoptException.Usage($"{path}: stages.{name}.configFiles must be an array of paths");
            var merged = new JsonObject();
            foreach (var file in list.Select(f => f?.GetValue<string>() ?? ""))
            {
                var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, file));
                Merge(merged, ReadObject(full));
            }
            if (stage["config"] is JsonObject inline) Merge(merged, inline);
            stage.Remove("configFiles");
            stage["config"] = merged;
        }
    }

    public static void Merge(JsonObject target, JsonObject layer)
    {
        foreach (var (key, value) in layer.ToList())
        {
            if (value is JsonObject child && target[key] is JsonObject existing) Merge(existing, child);
            else target[key] = value?.DeepClone();
        }
    }

    /// <summary>--set a.b.c=value: the value is read as JSON when it parses (numbers, true, null, objects), else as a string.</summary>
    public static void Apply(JsonObject root, string assignment)
    {
        var eq = assignment.IndexOf('=');
        if (eq <= 0) throw HoptException.Usage($"--set {assignment}: expected key=value, e.g. stages.train.nodes=2");
        var keys = assignment[..eq].Split('.', ':');
        JsonNode? value;
        try
        {
            value = JsonNode.Parse(assignment[(eq + 1)..]);
        }
        catch (JsonException)
        {
            value = JsonValue.Create(assignment[(eq + 1)..]);
        }
        JsonNode node = root;
        foreach (var key in keys[..^1])
            node = Child(node, key, assignment) ?? Set(node, key, new JsonObject(), assignment)!;
        Set(node, keys[^1], value, assignment);
    }

    /// <summary>Objects are addressed by key, arrays by index (stages.eval.config.Eval.Tasks.0.Name).</summary>
    private static JsonNode? Child(JsonNode node, string key, string assignment) => node switch
    {
        JsonArray array => array[Index(array, key, assignment)],
        _ => node[key] is JsonObject or JsonArray ? node[key] : null,
    };

    private static JsonNode? Set(JsonNode node, string key, JsonNode? value, string assignment)
    {
        if (node is JsonArray array) array[Index(array, key, assignment)] = value;
        else node[key] = value;
        return value;
    }

    private static int Index(JsonArray array, string key, string assignment) =>
        int.TryParse(key, out var i) && i >= 0 && i < array.Count ? i
        : throw HoptException.Usage($"--set {assignment}: '{key}' is not an index of an array of {array.Count}");
}
