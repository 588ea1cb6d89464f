using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Support;

/// <summary>A host's connection and request counters at one moment, to count what a test caused.</summary>
internal readonly record struct HostCounts(KestrelTestHost Host, int Connections, int Requests)
{
    public static HostCounts Of(KestrelTestHost host) => new(host, host.ConnectionCount, host.RequestCount);

    /// <summary>TCP connections accepted since the snapshot.</summary>
    public int NewConnections => Host.ConnectionCount - Connections;

    /// <summary>Requests that reached the application since the snapshot.</summary>
    public int NewRequests => Host.RequestCount - Requests;
}
