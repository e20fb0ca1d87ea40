namespace HOptimus.Core;

/// <summary>
/// Write-to-temp, fsync, rename: a reader never sees half a file. The temp name lives in the same
/// folder so the rename stays on one file system (atomic on POSIX).
/// </summary>
public static class AtomicFile
{
    public static string TempNameFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!,
                     $".{Path.GetFileName(path)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>Runs <paramref name="write"/> on a temp path, then fsyncs and renames it into place.</summary>
    public static void Write(string path, Action<string> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = TempNameFor(path);
        try
        {
            write(temp);
            MoveIntoPlace(temp, path);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Fsyncs a finished temp file (from <see cref="TempNameFor"/>) and renames it to <paramref name="path"/>.</summary>
    public static void MoveIntoPlace(string temp, string path)
    {
        Fsync(temp);
        File.Move(temp, path, overwrite: true);
        FsyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, temp => File.WriteAllText(temp, text));

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, temp => File.WriteAllBytes(temp, copy));
    }

    public static void Fsync(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Makes a rename durable: on Linux the directory entry is only on disk after the folder is synced.</summary>
    public static void FsyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Native.open(directory, Native.O_RDONLY | Native.O_DIRECTORY);
        if (fd < 0) return;
        Native.fsync(fd);
        Native.close(fd);
    }

    /// <summary>Renames a finished temp folder into place; the folder stays invisible until complete.</summary>
    public static void CommitDirectory(string tempDirectory, string finalDirectory)
    {
        if (Directory.Exists(finalDirectory)) Directory.Delete(finalDirectory, recursive: true);
        Directory.Move(tempDirectory, finalDirectory);
        FsyncDirectory(Path.GetDirectoryName(Path.GetFullPath(finalDirectory))!);
    }

    private static class Native
    {
        public const int O_RDONLY = 0;
        public const int O_DIRECTORY = 0x10000;
        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        public static extern int open(string path, int flags);
        [System.Runtime.InteropServices.DllImport("libc")]
        public static extern int fsync(int fd);
        [System.Runtime.InteropServices.DllImport("libc")]
        public static extern int close(int fd);
    }
}
