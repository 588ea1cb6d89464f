using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;

namespace Reqivo.WebSockets.Tests.Support;

/// <summary>One plain and one TLS Kestrel host shared by the tests of a class, started on first use.</summary>
public sealed class KestrelHosts : IAsyncLifetime
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private KestrelTestHost? _plain;
    private KestrelTestHost? _secure;

    public async Task<KestrelTestHost> GetAsync(bool https = false)
    {
        await _starting.WaitAsync();
        try
        {
            return https
                ? _secure ??= await KestrelTestHost.StartAsync(https: true)
                : _plain ??= await KestrelTestHost.StartAsync();
        }
        finally
        {
            _starting.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_plain is not null)
        {
            await _plain.DisposeAsync();
        }

        if (_secure is not null)
        {
            await _secure.DisposeAsync();
        }

        _starting.Dispose();
    }
}

internal static class KestrelTestHostExtensions
{
    /// <summary>A ws:// or wss:// URI on the host.</summary>
    public static Uri Ws(this KestrelTestHost host, string pathAndQuery) =>
        new($"{(host.IsHttps ? "wss" : "ws")}://127.0.0.1:{host.Port}/{pathAndQuery.TrimStart('/')}");
}
