using HOptimus.Core;
using static TorchSharp.torch;

namespace HOptimus.Model;

/// <summary>The teacher update: teacher ← m·teacher + (1 − m)·student, parameter by parameter, by name.</summary>
public static class EmaUpdate
{
    /// <summary>
    /// Updates every teacher parameter from the student parameter of the same name. Parameters only the
    /// student has (a mask token the teacher lacks) are skipped; a teacher parameter with no student
    /// counterpart or another shape is a bug and throws.
    /// </summary>
    public static void Apply(nn.Module teacher, nn.Module student, double momentum)
    {
        if (momentum is < 0 or > 1) throw HoptException.Usage($"EMA momentum must be in [0, 1], got {momentum}");
        var students = student.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var _ = no_grad();
        using var keep = HeldScalar.Of(momentum);
        using var take = HeldScalar.Of(1 - momentum);
        foreach (var (name, t) in teacher.named_parameters())
        {
            if (!students.TryGetValue(name, out var s) || !s.shape.SequenceEqual(t.shape))
                throw new InvalidOperationException($"EMA: teacher parameter '{name}' has no student parameter of the same shape");
            t.mul_(keep).add_(s, alpha: take);
        }
    }
}
