using HOptimus.Core;

namespace HOptimus.Core.Tests;

public class ChecksumsTests
{
    [Test]
    public void FileAndBytesAgreeWithTheKnownSha256OfAbc()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "abc");
        const string expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        Assert.That(Checksums.Sha256File(path), Is.EqualTo(expected));
        Assert.That(Checksums.Sha256("abc"u8), Is.EqualTo(expected));
        File.Delete(path);
    }
}
