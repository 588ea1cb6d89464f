using System;
using Reqivo.WebSocketConformance.Driver;

namespace Reqivo.WebSockets.Tests.Conformance;

/// <summary>The offer of Reqivo's Autobahn-style driver (conformance/clients/reqivo).</summary>
public sealed class AutobahnDriverTests
{
    [Fact]
    public void Case_connections_offer_client_max_window_bits_so_the_server_may_ask_for_a_smaller_window()
    {
        // RFC 7692 §7.1.2.2: the server may answer client_max_window_bits only to an offer that carries it; without
        // it the fuzzer's cases 13.3-13.7 are UNIMPLEMENTED.
        Assert.Equal("permessage-deflate; client_max_window_bits=15", AutobahnDriver.CaseOptions.PerMessageDeflate?.BuildOffer());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void An_agent_is_required(string? agent)
    {
        Assert.ThrowsAny<ArgumentException>(() => new AutobahnDriver(new Uri("ws://127.0.0.1:9001"), agent!));
    }
}
