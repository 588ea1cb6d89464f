using System;
using System.Threading.Tasks;

namespace Reqivo.WebSockets.Internal;

/// <summary>
/// The synchronous entry points run the shared core with <c>async: false</c>, so the returned task has already
/// completed; these helpers take its result and say plainly when that invariant was broken.
/// </summary>
internal static class SyncPath
{
    public static T Result<T>(ValueTask<T> task)
    {
        if (!task.IsCompleted)
        {
            throw new InvalidOperationException("A synchronous WebSocket operation did not complete synchronously; this is a bug in Reqivo.");
        }

        return task.GetAwaiter().GetResult();
    }

    public static void Wait(ValueTask task)
    {
        if (!task.IsCompleted)
        {
            throw new InvalidOperationException("A synchronous WebSocket operation did not complete synchronously; this is a bug in Reqivo.");
        }

        task.GetAwaiter().GetResult();
    }
}
