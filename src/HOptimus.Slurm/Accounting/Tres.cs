using System.Globalization;

namespace HOptimus.Slurm.Accounting;

/// <summary>The parts of a TRES string ("billing=4,cpu=2,gres/gpu=4,mem=2000M,node=1") the charge rule needs.</summary>
public readonly record struct Tres(int Gpus, double? MemoryMiB)
{
    public static Tres Parse(string text)
    {
        int? total = null;
        var typed = 0;
        double? mem = null;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "gres/gpu" && int.TryParse(value, CultureInfo.InvariantCulture, out var g)) total = g;
            // Some sites list only typed GPUs (gres/gpu:h100=4).
            else if (key.StartsWith("gres/gpu:", StringComparison.Ordinal) && int.TryParse(value, CultureInfo.InvariantCulture, out var t)) typed += t;
            else if (key == "mem") mem = MiB(value);
        }
        return new Tres(total ?? typed, mem);
    }

    private static double? MiB(string value)
    {
        if (value.Length == 0) return null;
        var unit = char.ToUpperInvariant(value[^1]);
        var factor = unit switch { 'K' => 1.0 / 1024, 'M' => 1, 'G' => 1024, 'T' => 1024 * 1024, _ => 0 };
        var digits = factor == 0 ? value : value[..^1];
        if (factor == 0) factor = 1;
        return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v * factor : null;
    }
}
