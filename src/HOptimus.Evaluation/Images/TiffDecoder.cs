using BitMiracle.LibTiff.Classic;
using HOptimus.Core;

namespace HOptimus.Evaluation.Images;

/// <summary>
/// TIFF patches (NCT-CRC-HE-100K ships RGB TIFF, PackBits) through BitMiracle.LibTiff.NET: a managed port of
/// libtiff, so hopt-eval needs no native TIFF library on the cluster and decodes every photometric and
/// compression libtiff does. SkiaSharp, used for PNG and JPEG, has no TIFF codec.
/// </summary>
public static class TiffDecoder
{
    static TiffDecoder() => Tiff.SetErrorHandler(new SilentHandler());

    public static RgbImage Decode(string path)
    {
        using var tiff = Tiff.Open(path, "r")
            ?? throw HoptException.BadInput($"{path}: not a readable TIFF file");
        var width = tiff.GetField(TiffTag.IMAGEWIDTH)?[0].ToInt() ?? 0;
        var height = tiff.GetField(TiffTag.IMAGELENGTH)?[0].ToInt() ?? 0;
        if (width <= 0 || height <= 0) throw HoptException.BadInput($"{path}: TIFF without a valid width/height");
        var raster = new int[width * height];
        if (!tiff.ReadRGBAImageOriented(width, height, raster, Orientation.TOPLEFT))
            throw HoptException.BadInput($"{path}: TIFF pixels could not be decoded");
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < raster.Length; i++)
        {
            pixels[3 * i] = (byte)Tiff.GetR(raster[i]);
            pixels[3 * i + 1] = (byte)Tiff.GetG(raster[i]);
            pixels[3 * i + 2] = (byte)Tiff.GetB(raster[i]);
        }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>libtiff prints warnings (unknown tags) to stderr by default; failures surface as exceptions above.</summary>
    private sealed class SilentHandler : TiffErrorHandler
    {
        public override void WarningHandler(Tiff tif, string method, string format, params object[] args) { }
        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args) { }
        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args) { }
        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args) { }
    }
}
