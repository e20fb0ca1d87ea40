using HOptimus.Core;
using Serilog;

namespace HOptimus.Distributed.Mpi;

/// <summary>
/// MPI.NET over an MPICH-ABI library. MPI.NET initialises and finalises MPI (args = null: its argv
/// copy lacks NUL terminators); the collectives on raw pointers go through <see cref="MpiNative"/>
/// on a private duplicate of MPI_COMM_WORLD, because MPI.NET's managed API takes arrays only. One per
/// process: MPI cannot be initialised again after it is finalised.
/// </summary>
public sealed class MpiCommunicator : ICommunicator
{
    // MPI counts are int; larger buffers go in chunks of 2^30 elements.
    private const long MaxChunk = 1L << 30;
    private readonly MPI.Environment _environment;
    private readonly CollectiveWatchdog _watchdog;
    private readonly ILogger _log;
    private int _comm;
    private int _bf16Sum;
    private bool _disposed;

    public int Rank { get; }
    public int Size { get; }
    public bool OnDevice => false;
    /// <summary>The library loaded, as configured.</summary>
    public string Library { get; }
    /// <summary>The library's own version line (MPI_Get_library_version).</summary>
    public string LibraryVersion { get; }

    private MpiCommunicator(DistributedOptions options, SlurmEnvironment slurm, ILogger log)
    {
        _log = log;
        Library = options.ResolvedMpiLibrary;
        NativeLibraries.Bind(NativeLibraries.Mpi, Library,
            $"install MPICH (Debian: libmpich12) or set {DistributedOptions.MpiLibraryVariable} / Distributed:MpiLibrary " +
            "to an MPICH-ABI library (Intel MPI, Cray MPICH, MVAPICH: libmpi.so.12); Open MPI is not ABI-compatible");
        string[] args = null!;
        _environment = new MPI.Environment(ref args, MPI.Threading.Serialized);
        try
        {
            Check("MPI_Comm_dup", MpiNative.MPI_Comm_dup(MpiNative.CommWorld, out _comm));
            // Errors come back as codes and are reported with the rank and the call, then abort the job.
            Check("MPI_Comm_set_errhandler", MpiNative.MPI_Comm_set_errhandler(_comm, MpiNative.ErrorsReturn));
            Check("MPI_Comm_rank", MpiNative.MPI_Comm_rank(_comm, out var rank));
            Check("MPI_Comm_size", MpiNative.MPI_Comm_size(_comm, out var size));
            Rank = rank;
            Size = size;
            LibraryVersion = MpiNative.LibraryVersion();
            if (options.CheckSlurmTasks) WorldSizeCheck.Verify(Size, slurm, Library);
            _bf16Sum = MpiBFloat16Sum.Create();
        }
        catch
        {
            Dispose();
            throw;
        }
        _watchdog = new CollectiveWatchdog(options.CollectiveTimeout, Rank, reason => Abort(reason, ExitCodes.Failed));
        _log.Debug("MPI rank {Rank}/{Size} on {Library} ({Version})", Rank, Size, Library, LibraryVersion);
    }

    /// <summary>Initialises MPI and checks the world size against SLURM_NTASKS.</summary>
    public static MpiCommunicator Create(DistributedOptions options, SlurmEnvironment slurm, ILogger? log = null) =>
        new(options, slurm, log ?? Logging.None);

    public void AllReduceSum(IntPtr buffer, long count, ElementType type)
    {
        var (datatype, op, size) = Sum(type);
        using var _ = _watchdog.Enter($"AllReduceSum({count} x {type})");
        for (long done = 0; done < count; done += MaxChunk)
        {
            var n = (int)Math.Min(MaxChunk, count - done);
            Check("MPI_Allreduce", MpiNative.MPI_Allreduce(MpiNative.InPlace, buffer + (nint)(done * size), n, datatype, op, _comm));
        }
    }

    public void Broadcast(IntPtr buffer, long count, ElementType type, int root)
    {
        CheckRoot(root);
        var datatype = MpiNative.Datatype(type);
        var size = type.SizeOf();
        using var _ = _watchdog.Enter($"Broadcast({count} x {type}, root {root})");
        for (long done = 0; done < count; done += MaxChunk)
        {
            var n = (int)Math.Min(MaxChunk, count - done);
            Check("MPI_Bcast", MpiNative.MPI_Bcast(buffer + (nint)(done * size), n, datatype, root, _comm));
        }
    }

    public void ReduceScatterSum(IntPtr send, IntPtr receive, long count, ElementType type)
    {
        var (datatype, op, _) = Sum(type);
        using var _ = _watchdog.Enter($"ReduceScatterSum({count} x {type} per rank)");
        Check("MPI_Reduce_scatter_block", MpiNative.MPI_Reduce_scatter_block(send, receive, IntCount(count), datatype, op, _comm));
    }

    public void AllGather(IntPtr send, IntPtr receive, long count, ElementType type)
    {
        var datatype = MpiNative.Datatype(type);
        using var _ = _watchdog.Enter($"AllGather({count} x {type} per rank)");
        var n = IntCount(count);
        Check("MPI_Allgather", MpiNative.MPI_Allgather(send, n, datatype, receive, n, datatype, _comm));
    }

    public void Barrier()
    {
        using var _ = _watchdog.Enter("Barrier");
        Check("MPI_Barrier", MpiNative.MPI_Barrier(_comm));
    }

    public void Abort(string reason, int exitCode)
    {
        Console.Error.WriteLine($"hopt: rank {Rank} aborts the job (exit {exitCode}): {reason}");
        _log.Fatal("rank {Rank} aborts the job: {Reason}", Rank, reason);
        Log.CloseAndFlush();
        // MPI_Abort makes the launcher kill every process at once, its I/O forwarders included; give
        // them a moment to pass the message on, or the job ends without saying why.
        Thread.Sleep(250);
        MpiNative.MPI_Abort(MpiNative.CommWorld, exitCode);
        Environment.Exit(exitCode); // MPI_Abort does not return; this is for a library that does
    }

    private (int Datatype, int Op, int Size) Sum(ElementType type) =>
        (MpiNative.Datatype(type), type == ElementType.BFloat16 ? _bf16Sum : MpiNative.Sum, type.SizeOf());

    private void CheckRoot(int root)
    {
        if (root < 0 || root >= Size) throw new ArgumentOutOfRangeException(nameof(root), root, $"world size is {Size}");
    }

    private static int IntCount(long count) =>
        count <= int.MaxValue ? (int)count
        : throw new ArgumentOutOfRangeException(nameof(count), count, "reduce-scatter/all-gather take at most 2^31-1 elements per rank");

    private void Check(string call, int rc)
    {
        if (rc == MpiNative.Success) return;
        var message = $"{call} failed on rank {Rank}: {MpiNative.ErrorString(rc)}";
        // Past start-up an MPI error leaves the peers inside the collective: end them all.
        if (_watchdog is not null) Abort(message, ExitCodes.Failed);
        throw new HoptException(message, ExitCodes.Failed);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _watchdog?.Dispose();
        if (_bf16Sum != 0) MpiNative.MPI_Op_free(ref _bf16Sum);
        if (_comm != 0) MpiNative.MPI_Comm_free(ref _comm);
        _environment.Dispose();
    }
}
