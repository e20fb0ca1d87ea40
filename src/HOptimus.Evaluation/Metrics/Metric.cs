using System.ComponentModel;

namespace HOptimus.Evaluation.Metrics;

/// <summary>
/// The metrics a task can ask for; JSON names are kebab-case ("balanced-accuracy"). The first a task lists is
/// the one its chart shows; by default that is balanced accuracy, the headline of class-imbalanced pathology sets.
/// </summary>
[TypeConverter(typeof(KebabCaseEnumConverter<Metric>))]
public enum Metric
{
    BalancedAccuracy,
    Accuracy,
    MacroF1,
    /// <summary>One-vs-rest AUROC, macro-averaged.</summary>
    Auroc,
}
