using System;
using Reqivo.TestServers;

namespace Reqivo.WebSockets.Tests.Support;

/// <summary>WebSocket URIs on a test host.</summary>
internal static class KestrelTestHostExtensions
{
    /// <summary>A ws:// or wss:// URI on the host.</summary>
    public static Uri Ws(this KestrelTestHost host, string pathAndQuery) =>
        new($"{(host.IsHttps ? "wss" : "ws")}://127.0.0.1:{host.Port}/{pathAndQuery.TrimStart('/')}");
}
