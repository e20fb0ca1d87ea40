namespace HOptimus.Tiles;

/// <summary>Dataset and attribute names of the shard format (contracts.md); one place for writer and reader.</summary>
internal static class ShardLayout
{
    public const string Tiles = "tiles";
    public const string Coords = "coords";
    public const string Slide = "slide";
    public const string Labels = "labels";
    public const string Slides = "slides";
    public const string SlideId = "slide_id";
    public const string Path = "path";
    public const string Organ = "organ";
    public const string Patient = "patient";
    public const string Mpp = "mpp";
    public const string Level = "level";
    public const string Downsample = "downsample";
    public const string PatchSizeAttr = "patch_size";
    public const string TargetMppAttr = "target_mpp";
    public const string CodecAttr = "codec";
    public const string JpegQualityAttr = "jpeg_quality";
    public const string FormatVersionAttr = "format_version";
    public const string WriterVersionAttr = "writer_version";
    public const string LabelNamesAttr = "label_names";
}
