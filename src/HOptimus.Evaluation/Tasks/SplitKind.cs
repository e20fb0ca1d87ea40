using System.ComponentModel;

namespace HOptimus.Evaluation.Tasks;

/// <summary>How samples are divided into train, validation and test.</summary>
[TypeConverter(typeof(KebabCaseEnumConverter<SplitKind>))]
public enum SplitKind
{
    /// <summary>One train/validation/test split by sample fractions, whole groups at a time.</summary>
    Fractions,
    /// <summary>k folds of whole groups; fold i tests, fold i+1 validates, the rest trains; predictions pooled.</summary>
    Folds,
    /// <summary>The dataset says: the CSV's split column (train, val/validation, test).</summary>
    Column,
}
