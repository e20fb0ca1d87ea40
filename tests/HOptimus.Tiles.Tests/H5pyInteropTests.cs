using System.Text.Json;

namespace HOptimus.Tiles.Tests;

/// <summary>The shard contract as seen by h5py (Debian's libhdf5), the reader Python tooling uses.</summary>
public class H5pyInteropTests
{
    private const string Dump = """
import sys, json, hashlib, h5py, numpy as np
f = h5py.File(sys.argv[1], 'r')
t = f['tiles']
first = t[0]
s = f['slides']
col = lambda k: [x.decode() if isinstance(x, bytes) else x for x in s[k][:]]
out = {
  'attrs': {k: (v.decode() if isinstance(v, bytes) else v.item() if hasattr(v, 'item') else v) for k, v in f.attrs.items()},
  'tiles_shape': list(t.shape), 'tiles_dtype': str(t.dtype), 'tiles_chunks': list(t.chunks),
  'vlen_base': str(h5py.check_vlen_dtype(t.dtype)) if h5py.check_vlen_dtype(t.dtype) is not None else None,
  'first_sha': hashlib.sha256(np.asarray(first, dtype=np.uint8).tobytes()).hexdigest(),
  'coords_shape': list(f['coords'].shape), 'coords_dtype': str(f['coords'].dtype), 'coords': f['coords'][:].tolist(),
  'slide_dtype': str(f['slide'].dtype), 'slide': f['slide'][:].tolist(),
  'slide_id': col('slide_id'), 'path': col('path'), 'organ': col('organ'), 'patient': col('patient'),
  'mpp': s['mpp'][:].tolist(), 'level': s['level'][:].tolist(), 'downsample': s['downsample'][:].tolist(),
  'labels': f['labels'][:].tolist() if 'labels' in f else None,
  'label_names': [x.decode() if isinstance(x, bytes) else x for x in f['labels'].attrs['label_names']] if 'labels' in f else None,
}
print(json.dumps(out))
""";

    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        Python.RequireModules("h5py", "numpy");
        _dir = ShardFixture.TempDir();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void H5py_reads_a_raw_shard([Values] bool writeLibHdf5)
    {
        var path = Path.Combine(_dir, "raw.h5");
        var tiles = ShardFixture.Tiles(3);
        TileShardWriter.Write(path, new ShardHeader(TileCodecKind.Raw, TargetMpp: 0.5, JpegQuality: 90), ShardFixture.Slides, tiles, writeLibHdf5);
        var d = Read(path);
        Assert.That(d.GetProperty("tiles_shape").Deserialize<int[]>(), Is.EqualTo(new[] { 3, 224, 224, 3 }));
        Assert.That(d.GetProperty("tiles_dtype").GetString(), Is.EqualTo("uint8"));
        Assert.That(d.GetProperty("tiles_chunks").Deserialize<int[]>(), Is.EqualTo(new[] { 1, 224, 224, 3 }));
        Assert.That(d.GetProperty("first_sha").GetString(), Is.EqualTo(Core.Checksums.Sha256(tiles[0].Rgb)));
        CheckCommon(d, tiles, "raw");
    }

    [Test]
    public void H5py_reads_a_jpeg_shard_with_labels([Values] bool writeLibHdf5)
    {
        var path = Path.Combine(_dir, "jpeg.h5");
        var tiles = ShardFixture.Tiles(4, labelled: true);
        TileShardWriter.Write(path, new ShardHeader(TileCodecKind.Jpeg, LabelNames: ["a", "b", "c"]), ShardFixture.Slides, tiles, writeLibHdf5);
        var d = Read(path);
        Assert.That(d.GetProperty("tiles_shape").Deserialize<int[]>(), Is.EqualTo(new[] { 4 }));
        Assert.That(d.GetProperty("tiles_chunks").Deserialize<int[]>(), Is.EqualTo(new[] { 1 }));
        Assert.That(d.GetProperty("vlen_base").GetString(), Is.EqualTo("uint8"));
        using var codec = new TileCodec(TileCodecKind.Jpeg, 224, 90);
        Assert.That(d.GetProperty("first_sha").GetString(), Is.EqualTo(Core.Checksums.Sha256(codec.Encode(tiles[0].Rgb))));
        Assert.That(d.GetProperty("labels").Deserialize<int?[]>(), Is.EqualTo(tiles.Select(t => t.Label)));
        Assert.That(d.GetProperty("label_names").Deserialize<string[]>(), Is.EqualTo(new[] { "a", "b", "c" }));
        CheckCommon(d, tiles, "jpeg");
    }

    private static void CheckCommon(JsonElement d, List<ShardTile> tiles, string codec)
    {
        var attrs = d.GetProperty("attrs");
        Assert.That(attrs.GetProperty("patch_size").GetInt32(), Is.EqualTo(224));
        Assert.That(attrs.GetProperty("target_mpp").GetDouble(), Is.EqualTo(0.5));
        Assert.That(attrs.GetProperty("codec").GetString(), Is.EqualTo(codec));
        Assert.That(attrs.GetProperty("jpeg_quality").GetInt32(), Is.EqualTo(90));
        Assert.That(attrs.GetProperty("format_version").GetInt32(), Is.EqualTo(ShardHeader.FormatVersion));
        Assert.That(attrs.GetProperty("writer_version").GetString(), Does.StartWith("HOptimus.Tiles"));
        Assert.That(d.GetProperty("coords_shape").Deserialize<int[]>(), Is.EqualTo(new[] { tiles.Count, 2 }));
        Assert.That(d.GetProperty("coords_dtype").GetString(), Is.EqualTo("int64"));
        Assert.That(d.GetProperty("coords").Deserialize<long[][]>(), Is.EqualTo(tiles.Select(t => new[] { t.X, t.Y })));
        Assert.That(d.GetProperty("slide_dtype").GetString(), Is.EqualTo("int32"));
        Assert.That(d.GetProperty("slide").Deserialize<int[]>(), Is.EqualTo(tiles.Select(t => t.Slide)));
        var slides = ShardFixture.Slides;
        Assert.That(d.GetProperty("slide_id").Deserialize<string[]>(), Is.EqualTo(slides.Select(s => s.SlideId)));
        Assert.That(d.GetProperty("path").Deserialize<string[]>(), Is.EqualTo(slides.Select(s => s.SourcePath)));
        Assert.That(d.GetProperty("organ").Deserialize<string[]>(), Is.EqualTo(slides.Select(s => s.Organ)));
        Assert.That(d.GetProperty("patient").Deserialize<string[]>(), Is.EqualTo(slides.Select(s => s.Patient)));
        Assert.That(d.GetProperty("mpp").Deserialize<double[]>(), Is.EqualTo(slides.Select(s => s.Mpp)));
        Assert.That(d.GetProperty("level").Deserialize<int[]>(), Is.EqualTo(slides.Select(s => s.Level)));
        Assert.That(d.GetProperty("downsample").Deserialize<double[]>(), Is.EqualTo(slides.Select(s => s.Downsample)));
    }

    private static JsonElement Read(string path) => JsonDocument.Parse(Python.RunOk(Dump, path)).RootElement;
}
