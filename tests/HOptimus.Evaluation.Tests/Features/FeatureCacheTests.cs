using HOptimus.Core;
using HOptimus.Evaluation.Features;
using HOptimus.Evaluation.Probes;
using HOptimus.Evaluation.Tasks;
using HOptimus.Evaluation.Tests.Support;

namespace HOptimus.Evaluation.Tests.Features;

public class FeatureCacheTests
{
    private string _folder = "";
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string Fingerprint = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("hopt-eval-cache-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, true);

    private static FeatureMatrix Matrix(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        return new FeatureMatrix(rows, columns, Enumerable.Range(0, rows * columns).Select(_ => (double)(float)random.NextDouble()).ToArray());
    }

    [Test]
    public void Written_features_read_back_here_and_in_h5py()
    {
        var cache = new FeatureCache(_folder);
        var features = Matrix(7, 5, 1);
        cache.Write(Sha, Fingerprint, features, [0, 1, 2, 0, 1, 2, 0], "vit");
        var again = cache.TryRead(Sha, Fingerprint, 7, 5)!;
        Assert.That(again.Values, Is.EqualTo(features.Values));
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(1), "no temp file left behind");

        using var reference = new PythonReference();
        var read = reference.Run($$"""
            import h5py
            f = h5py.File('{{cache.PathFor(Sha, Fingerprint)}}', 'r')
            print(json.dumps({'features': f['features'][:].astype(float).tolist(), 'labels': f['labels'][:].tolist(),
                              'sha': f.attrs['backbone_sha256'], 'dtype': str(f['features'].dtype)}))
            """);
        Assert.That(read.GetProperty("dtype").GetString(), Is.EqualTo("float32"));
        Assert.That(read.GetProperty("sha").GetString(), Is.EqualTo(Sha));
        Assert.That(read.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()), Is.EqualTo(new[] { 0, 1, 2, 0, 1, 2, 0 }));
        var flat = read.GetProperty("features").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble()));
        Assert.That(flat, Is.EqualTo(features.Values));
    }

    [Test]
    public void Another_key_is_a_miss_and_a_wrong_shape_is_named()
    {
        var cache = new FeatureCache(_folder);
        Assert.That(cache.TryRead(Sha, Fingerprint, 7, 5), Is.Null);
        cache.Write(Sha, Fingerprint, Matrix(7, 5, 1), new int[7], "vit");
        var error = Assert.Throws<HoptException>(() => cache.TryRead(Sha, Fingerprint, 7, 384))!;
        Assert.That(error.Message, Does.Contain("cached features are 7x5").And.Contain("backbone gives 384 dimensions (feature dimensions do not match)"));
    }

    [Test]
    public void Nan_features_name_the_first_sample()
    {
        var dataset = new LabelledDataset("d", ["a", "b"],
            Enumerable.Range(0, 4).Select(i => new LabelledSample($"tile-{i}", i % 2, null, null)).ToList(), "fp", () => throw new InvalidOperationException());
        var features = Matrix(4, 3, 2);
        FeatureChecks.RequireFinite(features, dataset, "ours");
        features.Values[2 * 3 + 1] = double.NaN;
        features.Values[3 * 3] = double.PositiveInfinity;
        var error = Assert.Throws<HoptException>(() => FeatureChecks.RequireFinite(features, dataset, "ours"))!;
        Assert.That(error.Message, Does.Contain("backbone ours: 2 of 4 samples have NaN or infinite features (first: tile-2)"));
    }

    [Test]
    public void Probes_refuse_features_of_another_width()
    {
        var train = new LabelledFeatures(Matrix(6, 4, 1), [0, 1, 0, 1, 0, 1]);
        var error = Assert.Throws<HoptException>(() => new KnnClassifier(new KnnOptions()).Run(train, Matrix(3, 5, 2), 2))!;
        Assert.That(error.Message, Does.Contain("feature dimensions do not match: training features have 4, test features have 5"));
        Assert.Throws<HoptException>(() => new LinearProbe(new LinearProbeOptions()).Run(train, new LabelledFeatures(Matrix(2, 3, 3), [0, 1]), Matrix(3, 4, 2), 2));
    }
}
