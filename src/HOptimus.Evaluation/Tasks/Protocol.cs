using System.ComponentModel;

namespace HOptimus.Evaluation.Tasks;

/// <summary>How frozen features are turned into predictions.</summary>
[TypeConverter(typeof(KebabCaseEnumConverter<Protocol>))]
public enum Protocol
{
    /// <summary>L2 multinomial logistic regression, strength chosen on the validation split.</summary>
    Linear,
    /// <summary>Cosine kNN with temperature-weighted votes (DINO's eval_knn).</summary>
    Knn,
}
