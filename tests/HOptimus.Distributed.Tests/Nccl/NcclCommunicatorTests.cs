using System.Runtime.InteropServices;
using HOptimus.Distributed.InProcess;
using HOptimus.Distributed.Nccl;

namespace HOptimus.Distributed.Tests.Nccl;

/// <summary>
/// NcclCommunicator's own logic (id bootstrap, dtype mapping, group calls, error and timeout
/// handling) against <see cref="FakeNcclApi"/>; the host side is real (in-process ranks here, MPI in
/// <see cref="Mpi.MpiCommunicatorTests"/>). Real NCCL on GPUs: scripts/gpu-smoke.
/// </summary>
[TestFixture]
public class NcclCommunicatorTests
{
    private static (FakeNcclApi[] Fakes, Exception? Error) Run(int ranks, Action<FakeNcclApi, int> configure,
        Action<NcclCommunicator> body, double timeoutSeconds = 30)
    {
        var fakes = new FakeNcclApi[ranks];
        using var group = new InProcessGroup(ranks, TimeSpan.FromSeconds(30));
        Exception? error = null;
        try
        {
            group.Run(host =>
            {
                var fake = fakes[host.Rank] = new FakeNcclApi(host);
                configure(fake, host.Rank);
                using var nccl = NcclCommunicator.Create(fake, host, device: host.Rank + 2, TimeSpan.FromSeconds(timeoutSeconds), ownsBootstrap: false);
                body(nccl);
            });
        }
        catch (Exception e) { error = e; }
        return (fakes, error);
    }

    [Test]
    public void Rank_0s_unique_id_reaches_every_rank_over_the_host_communicator()
    {
        var (fakes, error) = Run(3, (_, _) => { }, _ => { });
        Assert.That(error, Is.Null);
        Assert.That(fakes[0].InitId, Has.Length.EqualTo(128));
        Assert.That(fakes[0].InitId, Is.Not.EqualTo(new byte[128]), "the id must be rank 0's, not zeros");
        Assert.That(fakes[1].InitId, Is.EqualTo(fakes[0].InitId));
        Assert.That(fakes[2].InitId, Is.EqualTo(fakes[0].InitId));
        Assert.That(fakes.Select(f => f.Device), Is.EqualTo(new int?[] { 2, 3, 4 }));
        Assert.That(fakes.Select(f => f.Calls.Last()), Is.All.EqualTo("ncclCommDestroy"));
    }

    [Test]
    public unsafe void Fp32_and_bf16_sums_go_through_NCCL_with_their_own_dtype_in_one_group()
    {
        var results = new float[2][];
        var (fakes, error) = Run(2, (_, _) => { }, nccl =>
        {
            var f = (float*)NativeMemory.Alloc(3, sizeof(float));
            var b = (ushort*)NativeMemory.Alloc(2, sizeof(ushort));
            for (var i = 0; i < 3; i++) f[i] = i + nccl.Rank;
            b[0] = BFloat16.FromSingle(0.5f); b[1] = BFloat16.FromSingle(nccl.Rank);
            nccl.AllReduceSum([new CollectiveBuffer((IntPtr)f, 3, ElementType.Float32), new CollectiveBuffer((IntPtr)b, 2, ElementType.BFloat16)]);
            results[nccl.Rank] = [f[0], f[1], f[2], BFloat16.ToSingle(b[0]), BFloat16.ToSingle(b[1])];
            NativeMemory.Free(f);
            NativeMemory.Free(b);
        });
        Assert.That(error, Is.Null);
        Assert.That(results[0], Is.EqualTo(new[] { 1f, 3f, 5f, 1f, 1f }));
        Assert.That(results[1], Is.EqualTo(results[0]));
        Assert.That(fakes[0].Calls.SkipWhile(c => c != "ncclGroupStart").Take(4),
            Is.EqualTo(new[] { "ncclGroupStart", "ncclAllReduce Float32", "ncclAllReduce BFloat16", "ncclGroupEnd" }));
    }

    [Test]
    public void An_NCCL_error_code_is_reported_with_ncclGetErrorString_and_aborts_the_job()
    {
        var (fakes, error) = Run(2, (fake, rank) => { if (rank == 1) fake.Failures["ncclCommInitRank"] = 2; }, _ => { });
        Assert.That(error, Is.InstanceOf<CommunicatorAbortedException>());
        Assert.That(error!.Message, Does.Contain("ncclCommInitRank failed on rank 1: unhandled system error (2)"));
        Assert.That(fakes[1].Calls, Does.Contain("ncclCommAbort"));
    }

    [Test]
    public void A_failed_unique_id_on_rank_0_fails_every_rank_instead_of_hanging_them()
    {
        var (_, error) = Run(2, (fake, rank) => { if (rank == 0) fake.Failures["ncclGetUniqueId"] = 3; }, _ => { });
        Assert.That(error, Is.Not.Null);
        Assert.That(error!.Message, Does.Contain("ncclGetUniqueId failed on rank 0: internal error (3)"));
    }

    [Test]
    public void An_asynchronous_error_while_waiting_is_reported_and_aborts()
    {
        var (fakes, error) = Run(1, (fake, _) => { fake.StreamNeverCompletes = true; fake.AsyncError = 6; },
            nccl => nccl.AllReduceSum(IntPtr.Zero, 0, ElementType.Float32));
        Assert.That(error!.Message, Does.Contain("rank 0: ncclAllReduce: NCCL asynchronous error: remote process exited or there was a network error (6)"));
        Assert.That(fakes[0].Calls, Does.Contain("ncclCommAbort"));
    }

    [Test]
    public void A_collective_that_never_completes_times_out_and_aborts()
    {
        var (fakes, error) = Run(1, (fake, _) => fake.StreamNeverCompletes = true,
            nccl => nccl.Broadcast(IntPtr.Zero, 0, ElementType.Float32, root: 0), timeoutSeconds: 0.2);
        Assert.That(error!.Message, Does.Contain("rank 0: ncclBroadcast did not complete within 0.2 s"));
        Assert.That(fakes[0].Calls, Does.Contain("ncclCommAbort"));
    }

    [Test]
    public void Real_NCCL_needs_a_GPU_machine()
    {
        if (!NativeLibrary.TryLoad("libnccl.so.2", out var nccl))
            Assert.Ignore("libnccl.so.2 is not installed here (no GPU): real NCCL is checked by scripts/gpu-smoke on a GPU node");
        NativeLibrary.Free(nccl);
        if (!NativeLibrary.TryLoad("libcudart.so.12", out var cudart))
            Assert.Ignore("libnccl.so.2 is here but libcudart.so.12 is not: run scripts/gpu-smoke on a node with the CUDA runtime");
        NativeLibrary.Free(cudart);
        Assert.Ignore("NCCL and CUDA are present: the multi-rank device check runs as scripts/gpu-smoke (srun, one rank per GPU)");
    }
}
