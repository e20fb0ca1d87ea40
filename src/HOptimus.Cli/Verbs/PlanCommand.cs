using HOptimus.Core;
using HOptimus.Slurm.Planning;

namespace HOptimus.Cli.Verbs;

/// <summary>`hopt plan`: arithmetic only, nothing submitted.</summary>
public static class PlanCommand
{
    public static int Run(PlanOptions o)
    {
        Cli.RejectConfig(o, "plan");
        var inputs = o.ToInputs();
        if (o.PrintConfig) Cli.PrintJson(inputs);
        else Console.Write(new CapacityPlan(inputs).Markdown());
        return ExitCodes.Done;
    }
}
