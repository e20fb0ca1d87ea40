using System.ComponentModel;

namespace HOptimus.Evaluation.Tasks;

/// <summary>The unit that never straddles two splits: tiles of one patient (or slide) stay together.</summary>
[TypeConverter(typeof(KebabCaseEnumConverter<GroupBy>))]
public enum GroupBy
{
    Patient,
    Slide,
    /// <summary>No grouping: each sample alone. Leaks when a slide gave several samples; for patch sets without ids.</summary>
    Sample,
}
