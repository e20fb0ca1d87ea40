using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace HOptimus.Evaluation;

/// <summary>
/// Lets the configuration binder read enums the way Core.Json writes them ("balanced-accuracy"), so a config
/// printed by --print-config reads back; "BalancedAccuracy" and "balancedaccuracy" are accepted too.
/// </summary>
public sealed class KebabCaseEnumConverter<T> : EnumConverter where T : struct, Enum
{
    public KebabCaseEnumConverter() : base(typeof(T)) { }

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is not string text) return base.ConvertFrom(context, culture, value);
        var wanted = text.Replace("-", "").Replace("_", "").Trim();
        foreach (var candidate in Enum.GetValues<T>())
            if (string.Equals(candidate.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
                return candidate;
        var names = string.Join(", ", Enum.GetValues<T>().Select(Name));
        throw new FormatException($"'{text}' is not one of: {names}");
    }

    /// <summary>The kebab-case name Core.Json writes for <paramref name="value"/>.</summary>
    public static string Name(T value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
