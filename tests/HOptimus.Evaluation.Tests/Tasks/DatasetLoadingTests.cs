using HOptimus.Core;
using HOptimus.Evaluation.Tasks;
using HOptimus.Evaluation.Tests.Support;
using HOptimus.Tiles;

namespace HOptimus.Evaluation.Tests.Tasks;

public class DatasetLoadingTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("hopt-eval-data-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, true);

    private string WriteCsv(params string[] lines)
    {
        var path = Path.Combine(_folder, "labels.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Test]
    public void Real_patch_folder_with_a_labels_csv_loads_classes_groups_and_pixels()
    {
        var folder = SharedData.NctPatches;
        var files = Directory.GetFiles(folder, "*.tif").Select(Path.GetFileName).Order().ToArray();
        var csv = WriteCsv(["path,label,patient", .. files.Select((f, i) => $"{f},{f!.Split('-')[0]},\"case, {i}\"")]);
        var dataset = ImageFolderDataset.Load(new DatasetOptions { Images = folder, LabelsCsv = csv }, _folder);
        Assert.That(dataset.ClassNames, Is.EqualTo(new[] { "ADI", "BACK", "DEB", "LYM", "MUC", "MUS", "NORM", "STR", "TUM" }));
        Assert.That(dataset.Samples.Select(s => s.Label), Is.EqualTo(Enumerable.Range(0, 9)));
        Assert.That(dataset.Samples[3].Patient, Is.EqualTo("case, 3"));
        using var images = dataset.OpenImages();
        Assert.That(images.Read(8).Pixels, Has.Length.EqualTo(224 * 224 * 3));
        var again = ImageFolderDataset.Load(new DatasetOptions { Images = folder, LabelsCsv = csv }, _folder);
        Assert.That(again.Fingerprint, Is.EqualTo(dataset.Fingerprint));
        File.AppendAllText(csv, "\n");
        Assert.That(ImageFolderDataset.Load(new DatasetOptions { Images = folder, LabelsCsv = csv }, _folder).Fingerprint,
            Is.Not.EqualTo(dataset.Fingerprint), "a changed labels file must change the cache key");
    }

    [Test]
    public void Labels_naming_missing_images_are_all_listed_with_their_lines()
    {
        var folder = SharedData.NctPatches;
        var csv = WriteCsv("path,label", "ADI-AAQEFMRI.tif,ADI", "ADI-GONE.tif,ADI", "TUM-AACHEHDV.tif,", "ADI-AAQEFMRI.tif,ADI", "x/NOPE.tif,TUM");
        var error = Assert.Throws<HoptException>(() => ImageFolderDataset.Load(new DatasetOptions { Images = folder, LabelsCsv = csv }, _folder))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error.Message, Does.Contain("4 problem(s)"));
            Assert.That(error.Message, Does.Contain("line 3: 'ADI-GONE.tif' names a missing image"));
            Assert.That(error.Message, Does.Contain("line 4: empty label"));
            Assert.That(error.Message, Does.Contain("line 5: 'ADI-AAQEFMRI.tif' is listed again (first on line 2)"));
            Assert.That(error.Message, Does.Contain("line 6: 'x/NOPE.tif' names a missing image"));
        });
    }

    [Test]
    public void A_missing_label_column_names_the_header()
    {
        var csv = WriteCsv("file,class", "a.tif,ADI");
        var error = Assert.Throws<HoptException>(() => ImageFolderDataset.Load(new DatasetOptions { Images = _folder, LabelsCsv = csv }, _folder))!;
        Assert.That(error.Message, Does.Contain("no column 'path' (dataset.pathColumn); the header has: file, class"));
    }

    private static string WriteShard(string path, string[]? labelNames, Func<int, int?> label, int tiles = 6)
    {
        using var writer = new TileShardWriter(path, new ShardHeader(TileCodecKind.Raw, PatchSize: 28, LabelNames: labelNames));
        var slides = new[] { writer.AddSlide(new ShardSlide("s1", "/x/s1.svs", "colon", "pA", 0.25, 0, 1)),
                             writer.AddSlide(new ShardSlide("s2", "/x/s2.svs", "colon", "", 0.25, 0, 1)) };
        for (var i = 0; i < tiles; i++)
            writer.AddRgb(slides[i % 2], i * 28, 0, Enumerable.Repeat((byte)(10 * i), 28 * 28 * 3).ToArray(), label(i));
        writer.Commit();
        return path;
    }

    [Test]
    public void Labelled_shards_load_with_slide_and_patient_ids_and_pixels()
    {
        WriteShard(Path.Combine(_folder, "eval-0.h5"), ["tumour", "stroma"], i => i % 2);
        WriteShard(Path.Combine(_folder, "eval-1.h5"), ["tumour", "stroma"], i => 1 - i % 2, tiles: 4);
        var dataset = ShardDataset.Load(new DatasetOptions { Shards = ["eval-*.h5"] }, _folder);
        Assert.That(dataset.ClassNames, Is.EqualTo(new[] { "tumour", "stroma" }));
        Assert.That(dataset.Samples, Has.Count.EqualTo(10));
        Assert.That(dataset.Samples[7], Is.EqualTo(new LabelledSample("eval-1.h5#1", 0, null, "s2")));
        Assert.That(dataset.Samples[0].Patient, Is.EqualTo("pA"));
        using var images = dataset.OpenImages();
        Assert.That(images.Read(9).Pixels, Is.All.EqualTo(30));
    }

    [Test]
    public void Shards_without_labels_or_with_other_label_names_are_refused()
    {
        var unlabelled = WriteShard(Path.Combine(_folder, "plain.h5"), null, _ => null);
        Assert.That(Assert.Throws<HoptException>(() => ShardDataset.Load(new DatasetOptions { Shards = [unlabelled] }, _folder))!.Message,
            Does.Contain("plain.h5: shard has no /labels"));
        WriteShard(Path.Combine(_folder, "a.h5"), ["x", "y"], i => i % 2);
        WriteShard(Path.Combine(_folder, "b.h5"), ["y", "x"], i => i % 2);
        Assert.That(Assert.Throws<HoptException>(() => ShardDataset.Load(new DatasetOptions { Shards = ["a.h5", "b.h5"] }, _folder))!.Message,
            Does.Contain("b.h5: label names [y, x] differ from [x, y]"));
        Assert.That(Assert.Throws<HoptException>(() => ShardDataset.Load(new DatasetOptions { Shards = ["nothing-*.h5"] }, _folder))!.Message,
            Does.Contain("no tile shard matches"));
    }
}
