using System;
using System.Threading.Tasks;

namespace Reqivo.Internal;

/// <summary>
/// The sync half of the single <c>bool async</c> code path: with async=false every await in the core completes
/// synchronously, so the sync entry point only unwraps the finished ValueTask (never blocks on a task).
/// </summary>
internal static class SyncPath
{
    public static T Result<T>(ValueTask<T> task)
    {
        if (!task.IsCompleted)
        {
            throw new InvalidOperationException("A synchronous operation did not complete synchronously; this is a bug in Reqivo.");
        }

        return task.GetAwaiter().GetResult();
    }

    public static void Wait(ValueTask task)
    {
        if (!task.IsCompleted)
        {
            throw new InvalidOperationException("A synchronous operation did not complete synchronously; this is a bug in Reqivo.");
        }

        task.GetAwaiter().GetResult();
    }
}
