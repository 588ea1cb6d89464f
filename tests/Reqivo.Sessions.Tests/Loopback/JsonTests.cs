using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>JSON with source-generated metadata: ReadFromJson on responses, RequestBody.FromJson on requests.</summary>
public sealed class JsonTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task ReadFromJson_deserializes_the_body(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);

        using Response response = await Modes.Run(async, () => session.Get("/json"), () => session.GetAsync("/json"));
        JsonDocumentModel? document = async
            ? await response.ReadFromJsonAsync(TestJsonContext.Default.JsonDocumentModel)
            : response.ReadFromJson(TestJsonContext.Default.JsonDocumentModel);

        Assert.NotNull(document);
        Assert.Equal("reqivo", document.Name);
        Assert.Equal(new[] { 1, 2, 3 }, document.Items);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task FromJson_sends_json_that_round_trips(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);
        var order = new Order("ada", 3, Express: true);

        RequestBody body = RequestBody.FromJson(order, TestJsonContext.Default.Order);
        using Response response = await Modes.Run(async, () => session.Post("/echo", body), () => session.PostAsync("/echo", body));

        Assert.Equal("application/json; charset=utf-8", response.Headers.GetCombinedValue("Content-Type"));
        Order? echoed = async
            ? await response.ReadFromJsonAsync(TestJsonContext.Default.Order)
            : response.ReadFromJson(TestJsonContext.Default.Order);
        Assert.Equal(order, echoed);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_streamed_json_body_is_read_from_the_connection(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/json") { StreamResponse = true }, async);
        Assert.False(response.IsBuffered);
        JsonDocumentModel? document = async
            ? await response.ReadFromJsonAsync(TestJsonContext.Default.JsonDocumentModel)
            : response.ReadFromJson(TestJsonContext.Default.JsonDocumentModel);

        Assert.Equal("reqivo", document?.Name);
        PoolAssert.Settled(session, idle: 1);
    }
}
