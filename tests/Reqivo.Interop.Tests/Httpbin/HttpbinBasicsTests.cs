using System.Text.Json;
using System.Threading.Tasks;
using Reqivo.Interop.Tests.Infrastructure;

namespace Reqivo.Interop.Tests.Httpbin;

/// <summary>Core requests against httpbin, a Python (gunicorn) peer: it reports back what it received.</summary>
public sealed class HttpbinBasicsTests(HttpbinServer httpbin) : IClassFixture<HttpbinServer>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Get_reports_the_request_fields_httpbin_received(bool async)
    {
        using Session session = httpbin.CreateSession();
        var request = new Request(HttpMethods.Get, "/get?x=1");
        request.Headers.Add("X-Reqivo-Test", "interop");

        using Response response = await session.SendAsync(request, async);

        Assert.Equal(200, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.ReadAsStringAsync(async));
        JsonElement headers = json.RootElement.GetProperty("headers");
        Assert.Equal("interop", headers.GetProperty("X-Reqivo-Test").GetString());
        Assert.Equal($"127.0.0.1:{httpbin.Port}", headers.GetProperty("Host").GetString());
        Assert.StartsWith("Reqivo/", headers.GetProperty("User-Agent").GetString(), System.StringComparison.Ordinal);
        Assert.Equal("1", json.RootElement.GetProperty("args").GetProperty("x").GetString());
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Post_json_is_received_as_json(bool async)
    {
        using Session session = httpbin.CreateSession();
        var request = new Request(HttpMethods.Post, "/post") { Body = RequestBody.FromJson(new { name = "reqivo", count = 3 }) };

        using Response response = await session.SendAsync(request, async);

        Assert.Equal(200, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.ReadAsStringAsync(async));
        JsonElement echoed = json.RootElement.GetProperty("json");
        Assert.Equal("reqivo", echoed.GetProperty("name").GetString());
        Assert.Equal(3, echoed.GetProperty("count").GetInt32());
        Assert.StartsWith("application/json", json.RootElement.GetProperty("headers").GetProperty("Content-Type").GetString(), System.StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Bytes_returns_exactly_the_requested_length(bool async)
    {
        using Session session = httpbin.CreateSession();

        using Response response = await session.GetAsync("/bytes/102400", async);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(102400, (await response.ReadAsBytesAsync(async)).Length);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Stream_lines_arrive_chunked_and_each_is_json(bool async)
    {
        using Session session = httpbin.CreateSession();
        var request = new Request(HttpMethods.Get, "/stream/5") { StreamResponse = true };

        using Response response = await session.SendAsync(request, async);
        var ids = new System.Collections.Generic.List<int>();
        if (async)
        {
            await foreach (string line in response.ReadLinesAsync())
            {
                ids.Add(JsonDocument.Parse(line).RootElement.GetProperty("id").GetInt32());
            }
        }
        else
        {
            foreach (string line in response.ReadLines())
            {
                ids.Add(JsonDocument.Parse(line).RootElement.GetProperty("id").GetInt32());
            }
        }

        Assert.True(response.Headers.TryGetValue("Transfer-Encoding", out string? coding));
        Assert.Equal("chunked", coding);
        Assert.Equal([0, 1, 2, 3, 4], ids);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_teapot_status_is_a_response_and_EnsureSuccess_throws(bool async)
    {
        using Session session = httpbin.CreateSession();

        using Response response = await session.GetAsync("/status/418", async);

        Assert.Equal(418, response.StatusCode);
        HttpStatusException error = Assert.Throws<HttpStatusException>(() => response.EnsureSuccess());
        Assert.Equal(418, error.StatusCode);
    }
}
