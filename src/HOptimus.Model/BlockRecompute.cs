// Shapes: B batch, N tokens, D width.
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>
/// Activation checkpointing for one block (TorchSharp has no torch.utils.checkpoint): the forward runs
/// without a graph and keeps only the block input; the backward recomputes the block with a graph and
/// back-propagates through it, the way PyTorch's reentrant checkpoint does. Parameter gradients accumulate
/// in the nested backward; the input gradient is returned to the outer graph.
/// </summary>
internal sealed class BlockRecompute : autograd.SingleTensorFunction<BlockRecompute>
{
    /// <summary>What the recomputation needs besides the input tensor.</summary>
    public sealed record Call(Block Block, Tensor? Keep1_B11, Tensor? Keep2_B11);

    public override string Name => nameof(BlockRecompute);

    public static Tensor Run(Block block, Tensor x_BND, Tensor? keep1_B11, Tensor? keep2_B11) =>
        apply(x_BND, new Call(block, keep1_B11, keep2_B11));

    public override Tensor forward(autograd.AutogradContext ctx, object[] vars)
    {
        var x_BND = (Tensor)vars[0];
        var call = (Call)vars[1];
        ctx.save_for_backward([x_BND]);
        ctx.save_data(nameof(Call), call);
        using (no_grad())
            return call.Block.Forward(x_BND, call.Keep1_B11, call.Keep2_B11);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_BND)
    {
        var call = (Call)ctx.get_data(nameof(Call));
        using (enable_grad())
        {
            var x_BND = ctx.get_saved_variables()[0].detach().requires_grad_(true);
            var y_BND = call.Block.Forward(x_BND, call.Keep1_B11, call.Keep2_B11);
            autograd.backward(y_BND, grad_BND);
            // One gradient per apply() argument: the input's, none for the Call record.
            return [x_BND.grad!, null!];
        }
    }
}
