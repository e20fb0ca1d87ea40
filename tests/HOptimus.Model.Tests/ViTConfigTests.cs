using HOptimus.Core;
using HOptimus.Model;

namespace HOptimus.Model.Tests;

public class ViTConfigTests
{
    [Test]
    public void GiantReg4_At224_HasTimmsParameterCount_WithoutAllocating()
    {
        var giant = ViTConfig.Preset("vit-giant-reg4");
        Assert.That(giant.ParameterCount(), Is.EqualTo(1_134_774_272L));
        Assert.That(giant.MlpHiddenDim, Is.EqualTo(8192));
        Assert.That(giant.MlpOutInputDim, Is.EqualTo(4096));
        Assert.That(giant.PosEmbedTokens, Is.EqualTo(256));
    }

    [Test]
    public void ParameterCount_EqualsTheSumOfTimmKeyShapes_ForEveryPreset()
    {
        foreach (var name in ViTConfig.PresetNames)
        {
            var config = ViTConfig.Preset(name);
            long fromShapes = TimmKeys.Expected(config).Sum(k => k.Shape.Aggregate(1L, (a, b) => a * b));
            Assert.That(config.ParameterCount(), Is.EqualTo(fromShapes), name);
        }
    }

    /// <summary>Small siblings of each code path (registers or not, LayerScale or not, class slot or not, MLP kind).</summary>
    private static IEnumerable<ViTConfig> Siblings()
    {
        var tiny = ViTConfig.Preset("vit-tiny");
        yield return tiny;
        yield return tiny with { Mlp = MlpKind.Gelu, MlpRatio = 4, RegisterTokens = 0, NoEmbedClass = false };
        yield return tiny with { LayerScaleInit = null, RegisterTokens = 2, NoEmbedClass = false };
        yield return ViTConfig.Preset("vit-small") with { Depth = 1, EmbedDim = 48, NumHeads = 2, ImageSize = 42 };
    }

    [TestCaseSource(nameof(Siblings))]
    public void ParameterCount_MatchesAConstructedModel(ViTConfig config)
    {
        using var model = new VisionTransformer(config);
        long real = model.parameters().Sum(p => p.numel());
        Assert.That(config.ParameterCount(), Is.EqualTo(real));
    }

    [TestCaseSource(nameof(Siblings))]
    public void ConstructedModel_HasExactlyTimmsKeysAndShapes(ViTConfig config)
    {
        using var model = new VisionTransformer(config, new BackboneOptions { MaskToken = true });
        var actual = model.TimmStateDict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        Assert.That(TimmKeys.Mismatches(config, actual), Is.Empty);
        Assert.That(actual.Keys, Is.EqualTo(TimmKeys.Expected(config).Select(k => k.Key)), "timm's key order");
        Assert.That(model.named_parameters().Select(p => p.name), Does.Contain(VisionTransformer.MaskTokenKey));
    }

    [Test]
    public void ForwardFlops_CountTheMatrixProducts()
    {
        // vit-tiny at 56 px: 16 patches + 5 prefix = 21 tokens, D 96, fc1 512, fc2 in 256, 3 blocks.
        double t = 21, d = 96;
        double perBlock = 2 * t * d * 3 * d + 4 * t * t * d + 2 * t * d * d + 2 * t * d * 512 + 2 * t * 256 * d;
        double expected = 2.0 * 16 * 588 * 96 + 3 * perBlock;
        Assert.That(ViTConfig.Preset("vit-tiny").ForwardFlopsPerImage(), Is.EqualTo(expected).Within(1e-9).Percent);
        // A 28 px local crop has 4 patches: fewer FLOPs than the 56 px global crop.
        Assert.That(ViTConfig.Preset("vit-tiny").ForwardFlopsPerImage(28), Is.LessThan(expected / 2));
    }

    [Test]
    public void Config_RoundTripsThroughTheProjectJson()
    {
        var giant = ViTConfig.Preset("vit-giant-reg4");
        var back = System.Text.Json.JsonSerializer.Deserialize<ViTConfig>(Json.Serialize(giant), Json.Options);
        Assert.That(back, Is.EqualTo(giant));
        Assert.That(Json.Serialize(giant), Does.Contain("\"mlp\": \"swi-glu-packed\""));
    }

    [Test]
    public void Validate_ReportsEveryBadValue()
    {
        var bad = new ViTConfig { ImageSize = 100, EmbedDim = 100, NumHeads = 3, RegisterTokens = -1 };
        var ex = Assert.Throws<HoptException>(() => bad.Validated())!;
        Assert.That(ex.Message, Does.Contain("ImageSize").And.Contain("EmbedDim").And.Contain("RegisterTokens"));
        Assert.That(ex.ExitCode, Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public void UnknownPreset_IsAUsageErrorListingTheKnownOnes()
    {
        var ex = Assert.Throws<HoptException>(() => ViTConfig.Preset("vit-huge"))!;
        Assert.That(ex.Message, Does.Contain("vit-giant-reg4"));
    }
}
