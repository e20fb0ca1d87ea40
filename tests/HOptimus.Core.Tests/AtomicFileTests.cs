using HOptimus.Core;

namespace HOptimus.Core.Tests;

public class AtomicFileTests
{
    private string _dir = "";

    [SetUp] public void SetUp() => _dir = Directory.CreateTempSubdirectory("hopt-atomic").FullName;
    [TearDown] public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void WriteReplacesTheFileAndLeavesNoTempBehind()
    {
        var path = Path.Combine(_dir, "a.json");
        AtomicFile.WriteAllText(path, "old");
        AtomicFile.WriteAllText(path, "new");
        Assert.That(File.ReadAllText(path), Is.EqualTo("new"));
        Assert.That(Directory.GetFiles(_dir), Has.Length.EqualTo(1));
    }

    [Test]
    public void FailedWriteKeepsThePreviousFileAndRemovesTheTemp()
    {
        var path = Path.Combine(_dir, "a.json");
        AtomicFile.WriteAllText(path, "good");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, temp =>
        {
            File.WriteAllText(temp, "half");
            throw new IOException("disk full");
        }));
        Assert.That(File.ReadAllText(path), Is.EqualTo("good"));
        Assert.That(Directory.GetFiles(_dir), Has.Length.EqualTo(1));
    }

    [Test]
    public void CommitDirectoryMakesTheFolderAppearWhole()
    {
        var temp = Path.Combine(_dir, "step-1.tmp");
        Directory.CreateDirectory(temp);
        File.WriteAllText(Path.Combine(temp, "x"), "1");
        var final = Path.Combine(_dir, "step-1");
        AtomicFile.CommitDirectory(temp, final);
        Assert.That(Directory.Exists(temp), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(final, "x")), Is.EqualTo("1"));
    }
}
