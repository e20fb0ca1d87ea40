using HOptimus.Core;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace HOptimus.Tiles;

/// <summary>Encodes a shard with PureHDF: metadata datasets whole, tiles one chunk at a time from the spool.</summary>
internal static class ShardHdf5Writer
{
    /// <summary>JPEG tiles handed to PureHDF per write call (~1.5 MB).</summary>
    private const int VarLenBatch = 100;

    public static void Write(string path, ShardContent content, TileSpool spool)
    {
        var header = content.Header;
        var n = (ulong)spool.Count;
        var p = (ulong)header.PatchSize;
        var cache = new ChunkPerTileCache();
        var creation = new H5DatasetCreation(cache, null);
        H5Dataset tiles = header.Codec == TileCodecKind.Raw
            ? new H5Dataset<byte[]>(fileDims: [n, p, p, 3], chunks: [1, (uint)p, (uint)p, 3], datasetCreation: creation)
            : new H5Dataset<byte[][]>(fileDims: [n], chunks: [1], datasetCreation: creation);

        var file = new H5File
        {
            [ShardLayout.Tiles] = tiles,
            [ShardLayout.Coords] = Coords(content.Xy),
            [ShardLayout.Slide] = content.SlideOfTile.ToArray(),
            [ShardLayout.Slides] = SlideTable(content.Slides),
        };
        if (content.Labels is not null)
        {
            file[ShardLayout.Labels] = new H5Dataset(content.Labels.ToArray())
            {
                Attributes = new() { [ShardLayout.LabelNamesAttr] = header.LabelNames!.ToArray() },
            };
        }
        file.Attributes[ShardLayout.PatchSizeAttr] = header.PatchSize;
        file.Attributes[ShardLayout.TargetMppAttr] = header.TargetMpp;
        file.Attributes[ShardLayout.CodecAttr] = header.Codec.ToAttribute();
        file.Attributes[ShardLayout.JpegQualityAttr] = header.JpegQuality;
        file.Attributes[ShardLayout.FormatVersionAttr] = ShardHeader.FormatVersion;
        file.Attributes[ShardLayout.WriterVersionAttr] = $"HOptimus.Tiles {BuildInfo.Version}";

        var buffer = new byte[MaxLength(spool)];
        var batch = new List<byte[]>(VarLenBatch);
        // The superblock is written when the writer is disposed: the caller renames the file afterwards.
        // JPEG blobs live in HDF5 global heap collections: one 1 MB collection holds ~70 tiles instead
        // of a 4 KB-minimum collection per tile (PureHDF's default), which made vlen writes 3x slower.
        using var writer = file.BeginWrite(path, new H5WriteOptions(MinimumGlobalHeapCollectionSize: 1 << 20, GlobalHeapFlushThreshold: 8 << 20));
        for (var i = 0; i < spool.Count; i++)
        {
            var bytes = spool.Read(i, buffer);
            var at = (ulong)i;
            if (header.Codec == TileCodecKind.Raw)
            {
                // One element goes through PureHDF (it allocates the chunk); the tile is copied in whole.
                writer.Write((H5Dataset<byte[]>)tiles, new byte[1],
                    fileSelection: new HyperslabSelection(rank: 4, starts: [at, 0, 0, 0], blocks: [1, 1, 1, 1]));
                cache.Fill(bytes);
            }
            else
            {
                batch.Add(bytes.ToArray());
                if (batch.Count == VarLenBatch || i == spool.Count - 1)
                {
                    // Many blobs per call: PureHDF's per-call cost dominates for 15 KB JPEG tiles.
                    writer.Write((H5Dataset<byte[][]>)tiles, batch.ToArray(),
                        fileSelection: new HyperslabSelection(start: at + 1 - (ulong)batch.Count, block: (ulong)batch.Count));
                    batch.Clear();
                }
                continue;
            }
            cache.WritePending();
        }
        cache.WritePending();
    }

    private static long[,] Coords(IReadOnlyList<long> xy)
    {
        var coords = new long[xy.Count / 2, 2];
        for (var i = 0; i < xy.Count / 2; i++)
        {
            coords[i, 0] = xy[2 * i];
            coords[i, 1] = xy[2 * i + 1];
        }
        return coords;
    }

    private static H5Group SlideTable(IReadOnlyList<ShardSlide> slides) => new()
    {
        [ShardLayout.SlideId] = slides.Select(s => s.SlideId).ToArray(),
        [ShardLayout.Path] = slides.Select(s => s.SourcePath).ToArray(),
        [ShardLayout.Organ] = slides.Select(s => s.Organ).ToArray(),
        [ShardLayout.Patient] = slides.Select(s => s.Patient).ToArray(),
        [ShardLayout.Mpp] = slides.Select(s => s.Mpp).ToArray(),
        [ShardLayout.Level] = slides.Select(s => s.Level).ToArray(),
        [ShardLayout.Downsample] = slides.Select(s => s.Downsample).ToArray(),
    };

    private static int MaxLength(TileSpool spool)
    {
        var max = 0;
        for (var i = 0; i < spool.Count; i++) max = Math.Max(max, spool.Length(i));
        return max;
    }
}
