using CommandLine;
using HOptimus.Core;

namespace HOptimus.Consolidate;

[Verb("import", HelpText = "Convert an external timm ViT safetensors file into the same export layout.")]
public sealed class ImportCommandLine : CommonOptions
{
    [Option("run", Required = true, HelpText = "Run directory: writes exports/<name>/.")]
    public string Run { get; set; } = "";

    [Option("timm", Required = true, HelpText = "timm-format safetensors file (e.g. H-optimus-0's released weights).")]
    public string Timm { get; set; } = "";

    [Option("arch", Required = true, HelpText = "Model preset it must match: vit-tiny, vit-small, vit-large, vit-giant-reg4.")]
    public string Arch { get; set; } = "";

    [Option("img-size", HelpText = "Input size the file's position embedding is laid out for, in px (default: the preset's).")]
    public int? ImageSize { get; set; }
}
