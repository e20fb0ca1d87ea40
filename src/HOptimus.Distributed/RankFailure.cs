using HOptimus.Core;

namespace HOptimus.Distributed;

/// <summary>
/// An exception on one rank of several would leave the others waiting in their next collective
/// until the timeout. Wrapping a rank's work in <see cref="Run"/> turns it into an abort of the whole
/// job, with this rank's message and exit code, at once.
/// </summary>
public static class RankFailure
{
    public static int Run(ICommunicator comm, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (comm.Size > 1 && e is not CommunicatorAbortedException)
        {
            // A bug keeps its stack trace in the job log; an expected failure is its message only.
            if (e is not HoptException) Console.Error.WriteLine(e);
            var code = e switch
            {
                HoptException h => h.ExitCode,
                OperationCanceledException => ExitCodes.Interrupted,
                _ => ExitCodes.Failed,
            };
            comm.Abort(e is HoptException ? e.Message : $"{e.GetType().Name}: {e.Message}", code);
            throw; // the MPI abort does not return; in-process ranks get here
        }
    }
}
