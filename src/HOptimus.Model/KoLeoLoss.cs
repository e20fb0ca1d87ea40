// Shapes: B rows, D features.
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// DINOv2's KoLeoLoss (Kozachenko-Leonenko entropy estimator): −mean log of each L2-normalised feature's
/// distance to its nearest neighbour in the batch; it spreads features apart. fp32 throughout.
/// </summary>
public static class KoLeoLoss
{
    public static Tensor Forward(Tensor features_BD, double eps = 1e-8)
    {
        var x_BD = nn.functional.normalize(features_BD.to(ScalarType.Float32), p: 2, dim: -1, eps: eps);
        using var epsilon = HeldScalar.Of(eps);
        Tensor nearest_B;
        using (no_grad())
        {
            var dots_BB = x_BD.mm(x_BD.t());
            using var minusOne = HeldScalar.Of(-1);
            dots_BB.diagonal().fill_(minusOne); // a point is not its own neighbour
            nearest_B = dots_BB.argmax(1);
        }
        // nn.PairwiseDistance(2, eps): ‖x − y + eps‖.
        var distances_B = (x_BD - x_BD.index_select(0, nearest_B) + epsilon).norm(1);
        return -(distances_B + epsilon).log().mean();
    }
}
