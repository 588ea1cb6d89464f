using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Support;

/// <summary>
/// One plain and one TLS Kestrel host shared by the tests of a class (xunit runs them one at a time), started on first
/// use: starting a host costs more than most tests. Tests compare counters with a <see cref="HostCounts"/> snapshot
/// taken at their start, never with absolute values.
/// </summary>
public sealed class KestrelHosts : IAsyncLifetime
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private KestrelTestHost? _plain;
    private KestrelTestHost? _secure;

    /// <summary>The plain or the TLS host, started if needed.</summary>
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

/// <summary>A host's connection and request counters at one moment, to count what a test caused.</summary>
internal readonly record struct HostCounts(KestrelTestHost Host, int Connections, int Requests)
{
    public static HostCounts Of(KestrelTestHost host) => new(host, host.ConnectionCount, host.RequestCount);

    /// <summary>TCP connections accepted since the snapshot.</summary>
    public int NewConnections => Host.ConnectionCount - Connections;

    /// <summary>Requests that reached the application since the snapshot.</summary>
    public int NewRequests => Host.RequestCount - Requests;
}
