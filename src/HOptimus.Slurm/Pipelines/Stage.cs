namespace HOptimus.Slurm.Pipelines;

/// <summary>The chain's stages, in submission order; each is jobs/&lt;id&gt;.sbatch.</summary>
public enum Stage { Pack, Train, Consolidate, Eval, Report }

public static class StageNames
{
    public static readonly IReadOnlyList<Stage> InOrder = [Stage.Pack, Stage.Train, Stage.Consolidate, Stage.Eval, Stage.Report];

    public static string Id(this Stage stage) => stage.ToString().ToLowerInvariant();

    public static string ScriptName(this Stage stage) => stage.Id() + ".sbatch";

    public static Stage? Parse(string id) =>
        InOrder.Cast<Stage?>().FirstOrDefault(s => s!.Value.Id() == id);
}
