using System.Text.Json.Serialization;

namespace HOptimus.Slurm.Pipelines;

/// <summary>The stages of a pipeline file; a stage left out (null) is not submitted and not waited on.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PipelineStages
{
    public StageSpec? Pack { get; init; }
    public StageSpec? Train { get; init; }
    public StageSpec? Consolidate { get; init; }
    public StageSpec? Eval { get; init; }
    public StageSpec? Report { get; init; }

    public StageSpec? Get(Stage stage) => stage switch
    {
        Stage.Pack => Pack,
        Stage.Train => Train,
        Stage.Consolidate => Consolidate,
        Stage.Eval => Eval,
        _ => Report,
    };

    public IEnumerable<(Stage Stage, StageSpec Spec)> Enabled() =>
        StageNames.InOrder.Where(s => Get(s) is not null).Select(s => (s, Get(s)!));
}
