using HOptimus.Core;

namespace HOptimus.Pack;

/// <summary>
/// Which slides task i of N packs: every N-th slide starting at i, in list order. Round-robin spreads
/// big and small slides evenly when the list is grouped (by site, by organ), and depends only on the
/// list, i and N, so a rerun takes exactly the same share.
/// </summary>
public sealed record TaskShare(int Index, int Count)
{
    /// <summary>Flags/config first, then the Slurm array (ids need not start at 0), else the only task.</summary>
    public static TaskShare Resolve(int? task, int? tasks, SlurmEnvironment slurm)
    {
        var count = tasks ?? slurm.ArrayTaskCount ?? 1;
        var index = task ?? (slurm.ArrayTaskId is int id ? id - (slurm.ArrayTaskMin ?? 0) : 0);
        if (count < 1 || index < 0 || index >= count)
            throw HoptException.Usage($"task {index} of {count}: the task index must be in [0, {count}) (flags --task/--tasks or SLURM_ARRAY_TASK_ID/COUNT)");
        return new TaskShare(index, count);
    }

    public IReadOnlyList<T> Take<T>(IReadOnlyList<T> all) => all.Where((_, i) => i % Count == Index).ToList();
}
