using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// PyTorch's <c>nn.init.trunc_normal_</c>, reimplemented because TorchSharp's (0.107) fills the tensor
/// with the constant <c>std</c> instead of sampling: every Linear would start identical and training
/// could not break the symmetry. Inverse-CDF sampling: uniform in [Φ(a), Φ(b)], then Φ⁻¹ via erfinv.
/// </summary>
public static class TruncatedNormal
{
    public static Tensor Fill(Tensor tensor, double std = 1.0, double mean = 0.0, double a = -2.0, double b = 2.0)
    {
        using var _ = no_grad();
        double lower = Cdf((a - mean) / std), upper = Cdf((b - mean) / std);
        tensor.uniform_(2 * lower - 1, 2 * upper - 1);
        tensor.erfinv_();
        using var scale = HeldScalar.Of(std * Math.Sqrt(2.0));
        using var shift = HeldScalar.Of(mean);
        using var lowest = HeldScalar.Of(a);
        using var highest = HeldScalar.Of(b);
        tensor.mul_(scale).add_(shift);
        tensor.clamp_(lowest, highest);
        return tensor;
    }

    private static double Cdf(double x) => (1.0 + Erf(x / Math.Sqrt(2.0))) / 2.0;

    /// <summary>Abramowitz–Stegun 7.1.26 (|error| &lt; 1.5e-7): only sets the sampling bounds.</summary>
    private static double Erf(double x)
    {
        double t = 1.0 / (1.0 + 0.3275911 * Math.Abs(x));
        double y = 1.0 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
