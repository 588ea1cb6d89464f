using System;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>
/// The sync entry of a <c>bool async</c> core: with <c>async: false</c> the core only calls blocking APIs, so its
/// <see cref="ValueTask{TResult}"/> has completed by the time it returns. Getting the result is then not
/// sync-over-async; finding it incomplete is a bug, reported loudly rather than waited on.
/// </summary>
internal static class SyncPath
{
    public static T GetResult<T>(ValueTask<T> completed)
    {
        if (!completed.IsCompleted)
        {
            throw new InvalidOperationException("A synchronous operation did not complete synchronously.");
        }

        return completed.GetAwaiter().GetResult();
    }
}
