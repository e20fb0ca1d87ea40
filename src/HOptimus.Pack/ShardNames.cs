using System.Globalization;

namespace HOptimus.Pack;

/// <summary>shard-TTTTT-SSS.h5: T the array task, S the shard's sequence within the task.</summary>
public static class ShardNames
{
    public static string File(int task, int sequence) => $"shard-{task:D5}-{sequence:D3}.h5";

    public static string Pattern(int task) => $"shard-{task:D5}-*.h5";

    /// <summary>Temp files of the task's shards being written (AtomicFile.TempNameFor), left behind by a killed task.</summary>
    public static string TempPattern(int task) => $".{Pattern(task)}.tmp-*";

    public static int Sequence(string file) =>
        int.Parse(Path.GetFileNameWithoutExtension(file).Split('-')[2], CultureInfo.InvariantCulture);
}
