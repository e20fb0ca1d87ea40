using HOptimus.Core;
using HOptimus.Evaluation.Probes;
using PureHDF;

namespace HOptimus.Evaluation.Features;

/// <summary>
/// Extracted features on disk, one HDF5 file per (backbone weights, dataset): /features float32 [N, D] and
/// /labels int32 [N], with the two keys as attributes, written atomically (PureHDF writes the superblock at
/// dispose, so a temp name is renamed into place). A file whose keys differ from its name is ignored and
/// rewritten; one whose shape disagrees with the dataset or the backbone is refused by name.
/// </summary>
public sealed class FeatureCache(string folder)
{
    private const int FormatVersion = 1;

    public string Folder { get; } = folder;

    /// <summary>The cache file of a backbone (weights sha256) and a dataset (its fingerprint).</summary>
    public string PathFor(string weightsSha256, string datasetFingerprint) =>
        Path.Combine(Folder, $"features-{weightsSha256[..16]}-{datasetFingerprint[..16]}.h5");

    /// <summary>Cached features for the key, or null when there are none (or they were cached under another key).</summary>
    public FeatureMatrix? TryRead(string weightsSha256, string datasetFingerprint, int rows, int featureDim)
    {
        var path = PathFor(weightsSha256, datasetFingerprint);
        if (!File.Exists(path)) return null;
        try
        {
            using var file = H5File.OpenRead(path);
            if (file.Attribute("format_version").Read<int>() != FormatVersion
                || file.Attribute("backbone_sha256").Read<string>() != weightsSha256
                || file.Attribute("dataset_fingerprint").Read<string>() != datasetFingerprint)
                return null;
            var features = file.Dataset("features").Read<float[,]>();
            if (features.GetLength(0) != rows || features.GetLength(1) != featureDim)
                throw HoptException.BadInput(
                    $"{path}: cached features are {features.GetLength(0)}x{features.GetLength(1)} but the dataset has {rows} samples " +
                    $"and the backbone gives {featureDim} dimensions (feature dimensions do not match); delete the file to recompute");
            var values = new double[(long)rows * featureDim];
            var k = 0L;
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < featureDim; j++) values[k++] = features[i, j];
            return new FeatureMatrix(rows, featureDim, values);
        }
        catch (Exception e) when (e is not HoptException and not OutOfMemoryException)
        {
            throw HoptException.BadInput($"{path}: unreadable feature cache ({e.Message}); delete it to recompute", e);
        }
    }

    public void Write(string weightsSha256, string datasetFingerprint, FeatureMatrix features, int[] labels, string backboneName)
    {
        var path = PathFor(weightsSha256, datasetFingerprint);
        var values = new float[features.Rows, features.Columns];
        for (var i = 0; i < features.Rows; i++)
        {
            var row = features.Row(i);
            for (var j = 0; j < row.Length; j++) values[i, j] = (float)row[j];
        }
        var file = new H5File
        {
            ["features"] = values,
            ["labels"] = labels,
        };
        file.Attributes["format_version"] = FormatVersion;
        file.Attributes["backbone_sha256"] = weightsSha256;
        file.Attributes["dataset_fingerprint"] = datasetFingerprint;
        file.Attributes["backbone_name"] = backboneName;
        file.Attributes["writer_version"] = $"HOptimus.Evaluation {BuildInfo.Version}";
        AtomicFile.Write(path, temp => file.Write(temp));
    }
}
