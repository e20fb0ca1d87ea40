using HOptimus.Model;
using HOptimus.Training.Options;
using TorchSharp;
using static TorchSharp.torch;

namespace HOptimus.Training;

/// <summary>
/// A backbone with its DINO (CLS) and iBOT (patch) heads, the unit the student and the teacher each
/// are. Parameter names are "backbone.&lt;timm key&gt;", "dino_head.*", "ibot_head.*", which the
/// checkpoint prefixes with "student." or "teacher." (contracts.md).
/// </summary>
public sealed class SslModel : nn.Module
{
    private readonly VisionTransformer backbone;
    private readonly DinoHead dino_head;
    private readonly DinoHead ibot_head;

    public SslModel(ViTConfig config, ModelOptions options, bool student) : base(nameof(SslModel))
    {
        backbone = new VisionTransformer(config, new BackboneOptions
        {
            Precision = options.Precision == "bf16" ? Precision.Bf16 : Precision.Fp32,
            ActivationCheckpointing = student && options.ActivationCheckpointing,
            DropPathRate = student ? options.DropPathRate : 0,
            MaskToken = student,
        });
        dino_head = new DinoHead(config.EmbedDim, HeadConfig(options, options.DinoPrototypes));
        ibot_head = new DinoHead(config.EmbedDim, HeadConfig(options, options.IbotPrototypes));
        RegisterComponents();
    }

    public VisionTransformer Backbone => backbone;
    public DinoHead DinoHead => dino_head;
    public DinoHead IbotHead => ibot_head;

    /// <summary>Modules whose gradients are clipped separately (DINOv2 clips each submodule).</summary>
    public IEnumerable<nn.Module> ClipGroups => [backbone, dino_head, ibot_head];

    private static DinoHeadConfig HeadConfig(ModelOptions o, int prototypes) => new()
    {
        OutDim = prototypes, HiddenDim = o.HeadHiddenDim, BottleneckDim = o.HeadBottleneckDim, Layers = o.HeadLayers,
    };
}
