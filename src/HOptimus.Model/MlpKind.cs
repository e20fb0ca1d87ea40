namespace HOptimus.Model;

/// <summary>The feed-forward flavour of a transformer block, as timm builds it.</summary>
public enum MlpKind
{
    /// <summary>timm <c>Mlp</c>: fc1 D→H, GELU, fc2 H→D.</summary>
    Gelu,

    /// <summary>
    /// timm <c>SwiGLUPacked</c> (GluMlp, gate_last=False): fc1 D→H holds [gate | value], SiLU(gate)·value,
    /// fc2 H/2→D. This is H-optimus-1's MLP.
    /// </summary>
    SwiGluPacked,
}
