// Makes libLibTorchSharp.so load on hosts whose libstdc++ stops before GLIBCXX_3.4.32 (Debian 12,
// RHEL 8/9). TorchSharp 0.107's native shim was built with GCC 13 and needs that version for one
// symbol only (_ZSt21ios_base_library_initv, a bare .globl with no relocation), so marking the
// version requirement weak (VER_FLG_WEAK in .gnu.version_r) is enough: the loader then accepts the
// older libstdc++. PLATFORM.md has the investigation. Compiled by MSBuild's RoslynCodeTaskFactory,
// which targets netstandard2.0: hence no spans here.
using System;
using System.IO;
using System.Linq;
using System.Text;

public class PatchLibTorchSharp : Microsoft.Build.Utilities.Task
{
    const string Version = "GLIBCXX_3.4.32";
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    [Microsoft.Build.Framework.Required] public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = [];
    /// <summary>auto (patch only where the host's libstdc++ lacks the version), true, or false.</summary>
    public string Mode { get; set; } = "auto";

    public override bool Execute()
    {
        if (Files.Length == 0 || Mode == "false") return true;
        if (Mode == "auto" && HostHasVersion(out var host))
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"{host} has {Version}: libLibTorchSharp.so left as shipped");
            return true;
        }
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            try
            {
                if (MarkWeak(path)) Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, $"patched {Version} as weak in {path}");
            }
            catch (Exception e)
            {
                Log.LogError($"{path}: cannot patch {Version} requirement: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    // The loader searches LD_LIBRARY_PATH before the system folders; check the libstdc++ it would pick.
    static bool HostHasVersion(out string library)
    {
        var dirs = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "").Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries)
            .Concat(new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib/x86_64-linux-gnu" });
        library = dirs.Select(d => Path.Combine(d, "libstdc++.so.6")).FirstOrDefault(File.Exists) ?? "";
        if (library == "") return false;
        return Encoding.ASCII.GetString(File.ReadAllBytes(library)).Contains(Version + "\0");
    }

    /// <summary>Sets VER_FLG_WEAK on the vernaux entry naming the version; returns false if already weak or absent.</summary>
    static bool MarkWeak(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F' || elf[4] != 2)
            throw new InvalidDataException("not a 64-bit ELF file");
        long shoff = BitConverter.ToInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A), shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (int s = 0; s < shnum; s++)
        {
            long sh = shoff + (long)s * shentsize;
            if (BitConverter.ToUInt32(elf, (int)sh + 4) != ShtGnuVerneed) continue;
            long offset = BitConverter.ToInt64(elf, (int)sh + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, (int)sh + 0x28), count = (int)BitConverter.ToUInt32(elf, (int)sh + 0x2C);
            long strtab = BitConverter.ToInt64(elf, (int)(shoff + (long)link * shentsize + 0x18));
            long need = offset;
            for (int n = 0; n < count; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    if (ReadString(elf, strtab + BitConverter.ToUInt32(elf, (int)aux + 8)) == Version)
                    {
                        ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                        if ((flags & VerFlgWeak) != 0) return false;
                        Array.Copy(BitConverter.GetBytes((ushort)(flags | VerFlgWeak)), 0, elf, (int)aux + 4, 2);
                        var temp = path + ".patching";
                        File.WriteAllBytes(temp, elf);
                        File.Delete(path);
                        File.Move(temp, path);
                        return true;
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                need += BitConverter.ToUInt32(elf, (int)need + 12);
            }
        }
        return false;
    }

    static string ReadString(byte[] bytes, long start)
    {
        int end = Array.IndexOf(bytes, (byte)0, (int)start);
        return Encoding.ASCII.GetString(bytes, (int)start, end - (int)start);
    }
}
