using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo;

namespace Reqivo.Sessions.Tests;

/// <summary>Runs a test's exchange through the sync or the async API, so every test covers both paths.</summary>
internal static class Modes
{
    /// <summary>Theory data: false = sync API, true = async API.</summary>
    public static TheoryData<bool> SyncAndAsync => new() { false, true };

    /// <summary>Theory data (async, https): both APIs over plain and TLS connections.</summary>
    public static TheoryData<bool, bool> SyncAndAsyncOverHttpAndHttps => new()
    {
        { false, false },
        { true, false },
        { false, true },
        { true, true },
    };

    /// <summary>Calls the sync form or the async form of the same public method.</summary>
    public static async Task<T> Run<T>(bool async, Func<T> sync, Func<ValueTask<T>> asynchronous) =>
        async ? await asynchronous() : sync();

    public static async Task<Response> SendAsync(this Session session, Request request, bool async, CancellationToken cancellationToken = default) =>
        async ? await session.SendAsync(request, cancellationToken) : session.Send(request, cancellationToken);

    public static async Task<byte[]> ReadAsBytesAsync(this Response response, bool async) =>
        async ? await response.ReadAsBytesAsync() : response.ReadAsBytes();

    public static async Task<string> ReadAsStringAsync(this Response response, bool async) =>
        async ? await response.ReadAsStringAsync() : response.ReadAsString();
}
