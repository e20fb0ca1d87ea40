using System.Text.RegularExpressions;

namespace HOptimus.Training.Options;

/// <summary>The device names a recipe or --device may use: cpu, cuda, cuda:N.</summary>
public static partial class DeviceName
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex(@"^(cpu|cuda(:\d+)?)$")]
    private static partial Regex Pattern();
}
