using System.Reflection;
using HOptimus.Model;
using HOptimus.Training;
using TorchSharp;

namespace HOptimus.Training.Tests;

/// <summary>
/// The model and the training step take numbers for tensor ops as held Scalars (<see cref="HeldScalar"/>):
/// this reads the IL of both assemblies for the calls that make TorchSharp create a Scalar it may free
/// mid-op, so a new <c>tensor * 0.5</c> in per-step code fails here rather than once in a million steps.
/// </summary>
public class HeldScalarTests
{
    private static readonly HashSet<string> NumberOperators = ["op_Multiply", "op_Division", "op_Addition", "op_Subtraction"];

    [Test]
    public void Model_and_training_code_create_no_implicit_scalars()
    {
        var offenders = new[] { typeof(HeldScalar).Assembly, typeof(Trainer).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static |
                                          BindingFlags.Public | BindingFlags.NonPublic).Cast<MethodBase>()
                .Concat(t.GetConstructors(BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)))
            .SelectMany(m => Callees(m).Where(ImplicitScalar).Select(c => $"{m.DeclaringType!.FullName}.{m.Name} calls {c.DeclaringType!.Name}.{c.Name}"))
            .Distinct()
            .ToList();
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void The_IL_reader_finds_an_implicit_scalar_where_there_is_one()
    {
        var method = typeof(HeldScalarTests).GetMethod(nameof(Halve), BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.That(Callees(method).Any(ImplicitScalar), Is.True);
    }

    private static torch.Tensor Halve(torch.Tensor t) => t * 0.5;

    private static bool ImplicitScalar(MethodBase callee) =>
        (callee.DeclaringType == typeof(Scalar) && callee.Name == "op_Implicit") ||
        (callee.DeclaringType == typeof(torch.Tensor) && NumberOperators.Contains(callee.Name) &&
         callee.GetParameters().Any(p => p.ParameterType.IsPrimitive));

    /// <summary>Methods called by call/callvirt/newobj in <paramref name="method"/>'s IL (operand bytes that
    /// happen to look like an opcode resolve to nothing and are skipped).</summary>
    private static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is not (0x28 or 0x6F or 0x73)) continue;
            MethodBase? callee = null;
            try
            {
                callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1),
                    method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
            }
            catch (Exception e) when (e is ArgumentException or BadImageFormatException or MissingMethodException) { }
            if (callee is not null) yield return callee;
        }
    }
}
