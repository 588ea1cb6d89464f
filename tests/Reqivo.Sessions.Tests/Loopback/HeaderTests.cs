using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>Header fields both ways: request fields as Kestrel saw them (/headers), response fields as Reqivo parsed them.</summary>
public sealed class HeaderTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Request_fields_reach_the_server(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);
        var request = new Request(HttpMethods.Get, "/headers");
        request.Headers.Add("X-Single", "one");
        request.Headers.Add("X-Repeated", "a");
        request.Headers.Add("X-Repeated", "b");

        Dictionary<string, string[]> seen = await ReceivedFieldsAsync(session, request, async);

        Assert.Equal(["one"], Field(seen, "X-Single"));
        Assert.Equal("a,b", string.Join(',', Field(seen, "X-Repeated").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries))));
        Assert.Equal([$"127.0.0.1:{host.Port}"], Field(seen, "Host"));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Default_fields_are_sent_unless_the_request_sets_the_same_name(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);
        session.DefaultHeaders.Add("X-Default", "from-session");
        session.DefaultHeaders.Add("X-Overridden", "from-session");
        var request = new Request(HttpMethods.Get, "/headers");
        request.Headers.Add("x-overridden", "from-request");

        Dictionary<string, string[]> seen = await ReceivedFieldsAsync(session, request, async);
        Dictionary<string, string[]> plain = await ReceivedFieldsAsync(session, new Request(HttpMethods.Get, "/headers"), async);

        Assert.Equal(["from-session"], Field(seen, "X-Default"));
        // Field names are case-insensitive (RFC 9110 §5.1): the request's field replaces the default, not joins it.
        Assert.Equal(["from-request"], Field(seen, "X-Overridden"));
        Assert.Equal(["from-session"], Field(plain, "X-Overridden"));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task User_agent_is_sent_by_default_and_can_be_changed_or_removed(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session byDefault = LoopbackSessions.For(host);
        using var custom = new Session(new SessionOptions { BaseAddress = host.BaseUri, UserAgent = "tests/1.0" });
        using var none = new Session(new SessionOptions { BaseAddress = host.BaseUri, UserAgent = null });
        var overridden = new Request(HttpMethods.Get, "/headers");
        overridden.Headers.Add("User-Agent", "per-request/2.0");

        Dictionary<string, string[]> defaultSeen = await ReceivedFieldsAsync(byDefault, new Request(HttpMethods.Get, "/headers"), async);
        Dictionary<string, string[]> customSeen = await ReceivedFieldsAsync(custom, new Request(HttpMethods.Get, "/headers"), async);
        Dictionary<string, string[]> noneSeen = await ReceivedFieldsAsync(none, new Request(HttpMethods.Get, "/headers"), async);
        Dictionary<string, string[]> overriddenSeen = await ReceivedFieldsAsync(byDefault, overridden, async);

        Assert.Equal(new SessionOptions().UserAgent, Assert.Single(Field(defaultSeen, "User-Agent")));
        Assert.StartsWith("Reqivo/", Assert.Single(Field(defaultSeen, "User-Agent")), StringComparison.Ordinal);
        Assert.Equal(["tests/1.0"], Field(customSeen, "User-Agent"));
        Assert.Empty(Field(noneSeen, "User-Agent"));
        Assert.Equal(["per-request/2.0"], Field(overriddenSeen, "User-Agent"));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Response_fields_are_parsed_and_looked_up_case_insensitively(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/set-header?name=X-Custom-Field&value=a%20b%2Cc"), async);

        Assert.Equal(200, response.StatusCode);
        Assert.True(response.Headers.TryGetValue("x-custom-field", out string? value));
        Assert.Equal("a b,c", value);
        Assert.Equal(["a b,c"], response.Headers.GetValues("X-CUSTOM-FIELD"));
        Assert.Contains(response.Headers, field => field.Name.Equals("Date", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<Dictionary<string, string[]>> ReceivedFieldsAsync(Session session, Request request, bool async)
    {
        using Response response = await session.SendAsync(request, async);
        Assert.Equal(200, response.StatusCode);
        Dictionary<string, string[]>? fields = async
            ? await response.ReadFromJsonAsync(TestJsonContext.Default.DictionaryStringStringArray)
            : response.ReadFromJson(TestJsonContext.Default.DictionaryStringStringArray);
        Assert.NotNull(fields);
        return new Dictionary<string, string[]>(fields, StringComparer.OrdinalIgnoreCase);
    }

    private static string[] Field(Dictionary<string, string[]> fields, string name) =>
        fields.TryGetValue(name, out string[]? values) ? values : [];
}
