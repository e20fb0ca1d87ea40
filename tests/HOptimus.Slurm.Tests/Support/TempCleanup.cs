using HOptimus.Slurm.Tests.Support;

namespace HOptimus.Slurm.Tests;

/// <summary>Removes the run folders and stand-in job scripts the tests made.</summary>
[SetUpFixture]
public sealed class TempCleanup
{
    [OneTimeTearDown]
    public void RemoveScratch()
    {
        if (Directory.Exists(Fixtures.Scratch)) Directory.Delete(Fixtures.Scratch, recursive: true);
    }
}
