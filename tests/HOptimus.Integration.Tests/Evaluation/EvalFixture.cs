using System.Reflection;
using HOptimus.Integration.Tests.Support;
using HOptimus.Model;
using static TorchSharp.torch;

namespace HOptimus.Integration.Tests.Evaluation;

/// <summary>
/// What an evaluation run needs, made from real data: PNG tiles cut from the real NCT-CRC-HE patches by PIL
/// (9 classes x 8 crops of 56 px for vit-tiny; crop k belongs to patient k % 4) with a labels CSV, a config
/// file, and a timm-format safetensors file to import. Executables run in process through their real entry point.
/// </summary>
internal static class EvalFixture
{
    private static readonly object ConsoleLock = new();

    public static void WritePatches(string run, string folder = "patches")
    {
        var patches = Repo.RequireData("patches/nct-crc-he");
        var output = Path.Combine(run, folder);
        Directory.CreateDirectory(output);
        var result = Processes.Python("""
            import glob, os, sys
            from PIL import Image
            src, out = sys.argv[1], sys.argv[2]
            rows = ['path,label,patient']
            for f in sorted(glob.glob(os.path.join(src, '*.tif'))):
                label = os.path.basename(f).split('-')[0]
                im = Image.open(f).convert('RGB')
                for k in range(8):
                    x, y = (k % 4) * 56, (k // 4) * 56
                    name = f'{label}-{k}.png'
                    im.crop((x, y, x + 56, y + 56)).save(os.path.join(out, name))
                    rows.append(f'{name},{label},patient-{k % 4}')
            open(os.path.join(out, 'labels.csv'), 'w').write('\n'.join(rows) + '\n')
            """, patches, output);
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
