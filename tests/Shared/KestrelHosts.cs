using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.TestServers;

/// <summary>
/// One plain and one TLS Kestrel host shared by the tests of a class (xunit runs them one at a time), started on first
/// use: starting a host costs more than most tests. Tests compare counters with a snapshot
/// taken at their start, never with absolute values. Compiled into the test projects that use it (tests/Shared).
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
