using System.Reflection;
using HOptimus.Integration.Tests.Support;
using HOptimus.Model;
using static TorchSharp.torch;

namespace HOptimus.Integration.Tests.Evaluation;

/// <summary>
/// What an evaluation run needs, made from real data: PNG tiles cut from the real NCT-CRC-HE patches by
/// scripts/make-eval-patches (9 classes x 8 crops of 56 px, 4 patients) with a labels CSV, a config
/// file, and a timm-format safetensors file to import. Executables run in process through their real entry point.
/// </summary>
internal static class EvalFixture
{
    private static readonly object ConsoleLock = new();

    public static void WritePatches(string run, string folder = "patches")
    {
        var patches = Repo.RequireData("patches/nct-crc-he");
        var result = Processes.Run(Path.Combine(Repo.Root, "scripts", "make-eval-patches"), [patches, Path.Combine(run, folder)]);
        Assert.That(result.ExitCode, Is.Zero, result.Output);
    }

    /// <summary>A random vit-tiny saved with timm's keys only, as an external checkpoint would be.</summary>
    public static string WriteTimmFile(string path, int seed)
    {
        manual_seed(seed);
        using var model = new VisionTransformer(ViTConfig.Preset("vit-tiny"));
        SafetensorsFile.Write(path, model.TimmStateDict(), new Dictionary<string, string> { ["format"] = "pt" });
        return path;
    }

    public static void WriteConfig(string run, string json)
    {
        Directory.CreateDirectory(Path.Combine(run, "config"));
        File.WriteAllText(Path.Combine(run, "config", "eval.json"), json);
    }

    public static (int Code, string Output) Eval(params string[] args) => Invoke(typeof(HOptimus.Evaluate.EvalCommand).Assembly, args);

    public static (int Code, string Output) Consolidate(params string[] args) =>
        Invoke(typeof(HOptimus.Consolidate.Importer).Assembly, args);

    private static (int Code, string Output) Invoke(Assembly assembly, string[] args)
    {
        lock (ConsoleLock)
        {
            var (stdout, stderr) = (Console.Out, Console.Error);
            var captured = new StringWriter();
            Console.SetOut(captured);
            Console.SetError(captured);
            try
            {
                return ((int)assembly.EntryPoint!.Invoke(null, [args])!, captured.ToString());
            }
            finally
            {
                Console.SetOut(stdout);
                Console.SetError(stderr);
            }
        }
    }
}
