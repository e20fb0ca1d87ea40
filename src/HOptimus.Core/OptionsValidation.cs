namespace HOptimus.Core;

/// <summary>Options that can check themselves; every problem is reported at once, naming its key.</summary>
public interface IValidatable
{
    IEnumerable<string> Validate();
}

public static class OptionsValidation
{
    /// <summary>Throws one usage error listing every bad value.</summary>
    public static T Validated<T>(this T options) where T : IValidatable
    {
        var errors = options.Validate().ToList();
        if (errors.Count > 0)
            throw HoptException.Usage("invalid configuration:\n  - " + string.Join("\n  - ", errors));
        return options;
    }

    public static IEnumerable<string> Positive(string key, double value) =>
        value > 0 ? [] : [$"{key}: must be > 0, got {value}"];

    public static IEnumerable<string> InRange(string key, double value, double min, double max) =>
        value >= min && value <= max ? [] : [$"{key}: must be in [{min}, {max}], got {value}"];
}
