// Shapes: B batch, C channels, H/W pixels, g grid side, P = g·g patches, D width.
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>timm PatchEmbed: a stride-p convolution <c>proj</c> C→D, flattened to tokens.</summary>
public sealed class PatchEmbed : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d proj;
    private readonly int patch;
    private readonly ScalarType dtype;

    public PatchEmbed(ViTConfig config, Precision precision) : base(nameof(PatchEmbed))
    {
        patch = config.PatchSize;
        dtype = Compute.DType(precision);
        proj = nn.Conv2d(config.InChannels, config.EmbedDim, patch, stride: patch);
        RegisterComponents();
    }

    public override Tensor forward(Tensor images_BCHW)
    {
        if (images_BCHW.shape[2] % patch != 0 || images_BCHW.shape[3] % patch != 0)
            throw new ArgumentException($"image size {images_BCHW.shape[2]}x{images_BCHW.shape[3]} is not a multiple of the patch size {patch}");
        var x_BDgg = dtype == ScalarType.Float32
            ? proj.forward(images_BCHW)
            : nn.functional.conv2d(images_BCHW.to(dtype), proj.weight!.to(dtype), proj.bias!.to(dtype), strides: [patch, patch]);
        return x_BDgg.flatten(2).transpose(1, 2).to(ScalarType.Float32);
    }
}
