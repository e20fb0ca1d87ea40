using HOptimus.Core;
using HOptimus.Tiles;

namespace HOptimus.Pack;

/// <summary>--dry-run: the task's share of the list and where its shards would go; nothing is read or written.</summary>
public static class DryRun
{
    public static int Print(PackOptions options, TaskShare share, RunDirectory run)
    {
        var mine = share.Take(SlideList.Load(options.Slides, options.Extensions));
        Console.WriteLine($"hopt-pack: task {share.Index} of {share.Count}: {mine.Count} slides -> {run.Tiles}/{ShardNames.Pattern(share.Index)} " +
                          $"({options.Codec.ToAttribute()}, {options.Tiling.PatchSize} px at {options.Tiling.TargetMpp} µm/px)");
        foreach (var s in mine)
            Console.WriteLine($"  {s.SlideId}\t{s.Path}\t{s.Organ}\t{s.Patient}\t{(s.Mpp is double m ? m.ToString("G", System.Globalization.CultureInfo.InvariantCulture) : "-")}");
        return ExitCodes.Done;
    }
}
