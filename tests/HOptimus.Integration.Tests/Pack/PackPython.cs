using System.Text.Json;
using HOptimus.Integration.Tests.Support;

namespace HOptimus.Integration.Tests.Pack;

/// <summary>Reads shards back with h5py and compares tiles to OpenSlide's read_region (Debian's Python).</summary>
public static class PackPython
{
    /// <summary>
    /// For every tile of the slides read directly (no resampling): raw tiles must equal read_region byte
    /// for byte, JPEG tiles are decoded by PIL and their PSNR against read_region reported. Prints JSON.
    /// </summary>
    private const string Compare = """
import sys, json, io, h5py, numpy as np, openslide
from PIL import Image
out = {'tiles': 0, 'mismatches': 0, 'min_psnr': None, 'per_slide': {}}
sq, n = 0.0, 0
direct = set(sys.argv[1].split(','))
for path in sys.argv[2:]:
    f = h5py.File(path, 'r')
    codec = f.attrs['codec']; codec = codec.decode() if isinstance(codec, bytes) else codec
    p = int(f.attrs['patch_size'])
    t, coords, slide = f['tiles'], f['coords'][:], f['slide'][:]
    assert coords.dtype == np.int64 and coords.shape == (t.shape[0], 2), (coords.dtype, coords.shape)
    assert slide.dtype == np.int32 and slide.shape == (t.shape[0],)
    paths = [x.decode() if isinstance(x, bytes) else x for x in f['slides']['path'][:]]
    ids = [x.decode() if isinstance(x, bytes) else x for x in f['slides']['slide_id'][:]]
    levels, ds = f['slides']['level'][:], f['slides']['downsample'][:]
    if codec == 'raw':
        assert t.dtype == np.uint8 and t.shape[1:] == (p, p, 3) and t.chunks == (1, p, p, 3)
    handles = {}
    for i in range(t.shape[0]):
        s = int(slide[i])
        out['per_slide'][ids[s]] = out['per_slide'].get(ids[s], 0) + 1
        if ids[s] not in direct:
            continue   # resampled slides have no read_region reference
        osr = handles.setdefault(s, openslide.OpenSlide(paths[s]))
        ref = np.asarray(osr.read_region((int(coords[i, 0]), int(coords[i, 1])), int(levels[s]), (p, p)).convert('RGB'))
        tile = np.asarray(t[i]) if codec == 'raw' else np.asarray(Image.open(io.BytesIO(bytes(t[i]))).convert('RGB'))
        out['tiles'] += 1
        if codec == 'raw':
            out['mismatches'] += int(not np.array_equal(tile, ref))
        else:
            err = ((tile.astype(float) - ref.astype(float)) ** 2)
            sq, n = sq + err.sum(), n + err.size
            mse = err.mean()
            psnr = 99.0 if mse == 0 else 10 * np.log10(255 ** 2 / mse)
            out['min_psnr'] = psnr if out['min_psnr'] is None else min(out['min_psnr'], psnr)
out['pooled_psnr'] = (99.0 if sq == 0 else 10 * np.log10(255 ** 2 / (sq / n))) if n else None
print(json.dumps(out))
""";

    /// <summary>PSNR of JPEG tiles against the raw tiles of the same slides packed the same way (same order), pooled over all pixels.</summary>
    private const string JpegVsRaw = """
import sys, io, h5py, numpy as np
from PIL import Image
j, r = h5py.File(sys.argv[1], 'r'), h5py.File(sys.argv[2], 'r')
assert (j['coords'][:] == r['coords'][:]).all()
sq, n = 0.0, 0
for i in range(r['tiles'].shape[0]):
    err = (np.asarray(Image.open(io.BytesIO(bytes(j['tiles'][i]))).convert('RGB')).astype(float) - r['tiles'][i].astype(float)) ** 2
    sq, n = sq + err.sum(), n + err.size
print(10 * np.log10(255 ** 2 / (sq / n)))
""";

    public static double PooledPsnr(string jpegShard, string rawShard)
    {
        var result = Processes.Python(JpegVsRaw, jpegShard, rawShard);
        Assert.That(result.ExitCode, Is.Zero, result.StdErr);
        return double.Parse(result.StdOut.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static double? Optional(JsonElement json, string name) =>
        json.GetProperty(name).ValueKind == JsonValueKind.Null ? null : json.GetProperty(name).GetDouble();

    public sealed record Comparison(int Tiles, int Mismatches, double? MinPsnr, double? PooledPsnr, Dictionary<string, int> PerSlide);

    public static Comparison CompareToReadRegion(IEnumerable<string> directSlideIds, IEnumerable<string> shards)
    {
        var result = Processes.Python(Compare, [string.Join(",", directSlideIds), .. shards]);
        Assert.That(result.ExitCode, Is.Zero, result.StdErr);
        var json = JsonDocument.Parse(result.StdOut).RootElement;
        return new Comparison(json.GetProperty("tiles").GetInt32(), json.GetProperty("mismatches").GetInt32(),
            Optional(json, "min_psnr"), Optional(json, "pooled_psnr"),
            json.GetProperty("per_slide").Deserialize<Dictionary<string, int>>()!);
    }
}
