using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using Reqivo.TestServers;

namespace Reqivo.Transport.Tests.TestServerTests;

/// <summary>The in-process Kestrel host, checked with HttpClient as an independent client.</summary>
public sealed class KestrelTestHostTests
{
    [Fact]
    public async Task BaseUri_is_loopback_with_the_bound_port()
    {
        await using var host = await KestrelTestHost.StartAsync();

        Assert.InRange(host.Port, 1, 65535);
        Assert.Equal(new Uri($"http://127.0.0.1:{host.Port}/"), host.BaseUri);
        Assert.Equal(new Uri($"http://127.0.0.1:{host.Port}/bytes/3"), host.Url("/bytes/3"));
    }

    [Fact]
    public async Task Hello_returns_plain_text_with_a_length()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using HttpResponseMessage response = await client.GetAsync(host.Url("hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(5, response.Content.Headers.ContentLength);
        Assert.Equal("hello", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(251)]
    [InlineData(16_065)]
    [InlineData(100_000)]
    public async Task Bytes_returns_the_pattern_with_a_length(int n)
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using HttpResponseMessage response = await client.GetAsync(host.Url($"bytes/{n}"));
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(n, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(n, body.Length);
        Assert.Equal(-1, TestPayload.IndexOfMismatch(body));
    }

    [Fact]
    public async Task Head_on_bytes_declares_the_length_without_a_body()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Head, host.Url("bytes/10"));
        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Chunked_returns_the_pattern_without_a_length()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using HttpResponseMessage response = await client.GetAsync(host.Url("chunked/1000?chunk=100"), HttpCompletionOption.ResponseHeadersRead);
        // Checked before the body is read: once buffered, HttpClient reports the buffered length.
        Assert.Null(response.Content.Headers.ContentLength);
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal(1000, body.Length);
        Assert.Equal(-1, TestPayload.IndexOfMismatch(body));
    }

    [Fact]
    public async Task Chunked_writes_one_chunk_per_flushed_write()
    {
        await using var host = await KestrelTestHost.StartAsync();

        string response = await KestrelHostRawClient.ExchangeAsync(host, "GET /chunked/250?chunk=100 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        string body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

        // 100 + 100 + 50 bytes: chunk sizes 0x64, 0x64, 0x32, then the last-chunk.
        string[] sizeLines = body.Split("\r\n").Where(line => line.Length is > 0 and <= 2 && line.All(Uri.IsHexDigit)).ToArray();
        Assert.Equal(["64", "64", "32", "0"], sizeLines);
    }

    [Fact]
    public async Task Stream_returns_one_json_line_per_item()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        string body = await client.GetStringAsync(host.Url("stream/3"));

        Assert.Equal("{\"id\":0}\n{\"id\":1}\n{\"id\":2}\n", body);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Echo_returns_the_body_and_describes_the_request(string method)
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using var request = new HttpRequestMessage(new HttpMethod(method), host.Url("echo"))
        {
            Content = new ByteArrayContent(TestPayload.Create(300)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-test");
        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(TestPayload.Create(300), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/x-test", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(method, Header(response, "X-Request-Method"));
        Assert.Equal("300", Header(response, "X-Request-Length"));
        Assert.Equal("none", Header(response, "X-Request-Transfer-Encoding"));
    }

    [Fact]
    public async Task Echo_reports_a_chunked_request_body()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, host.Url("echo")) { Content = new StringContent("chunky") };
        request.Headers.TransferEncodingChunked = true;
        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal("chunky", await response.Content.ReadAsStringAsync());
        Assert.Equal("chunked", Header(response, "X-Request-Length"));
        Assert.Equal("chunked", Header(response, "X-Request-Transfer-Encoding"));
    }

    [Fact]
    public async Task Echo_reports_a_request_without_a_body()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using HttpResponseMessage response = await client.DeleteAsync(host.Url("echo"));

        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("none", Header(response, "X-Request-Length"));
    }

    [Fact]
    public async Task Headers_returns_the_request_fields_as_json()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, host.Url("headers"));
        request.Headers.TryAddWithoutValidation("X-Test", "one");
        using HttpResponseMessage response = await client.SendAsync(request);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["one"], json.RootElement.GetProperty("X-Test").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([$"127.0.0.1:{host.Port}"], json.RootElement.GetProperty("Host").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Json_returns_the_fixed_document()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using HttpResponseMessage response = await client.GetAsync(host.Url("json"));

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"name":"reqivo","items":[1,2,3]}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(201)]
    [InlineData(204)]
    [InlineData(404)]
    [InlineData(503)]
    public async Task Status_returns_that_status_with_an_empty_body(int code)
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using HttpResponseMessage response = await client.GetAsync(host.Url($"status/{code}"));

        Assert.Equal(code, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Delay_answers_done()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        Assert.Equal("done", await client.GetStringAsync(host.Url("delay/1")));
    }

    [Fact]
    public async Task Slow_body_returns_the_pattern_with_a_length()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using HttpResponseMessage response = await client.GetAsync(host.Url("slow-body/3?gapMs=1"));

        Assert.Equal(3, response.Content.Headers.ContentLength);
        Assert.Equal(new byte[] { 0, 1, 2 }, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Trailers_arrive_after_a_chunked_body()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using HttpResponseMessage response = await client.GetAsync(host.Url("trailers"));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal("abc", body);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal(["123"], response.TrailingHeaders.GetValues("X-Checksum"));
    }

    [Fact]
    public async Task Trailers_are_framed_exactly_and_keep_the_connection_alive()
    {
        await using var host = await KestrelTestHost.StartAsync();

        string response = await KestrelHostRawClient.ExchangeAsync(
            host,
            "GET /trailers HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        Assert.Contains("\r\nTrailer: X-Checksum\r\n", response, StringComparison.Ordinal);
        Assert.Contains("\r\n\r\n3\r\nabc\r\n0\r\nX-Checksum: 123\r\n\r\nHTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nhello", response, StringComparison.Ordinal);
        Assert.Equal(1, host.ConnectionCount);
    }

    [Fact]
    public async Task Expect_counts_the_body_sent_after_100_continue()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, host.Url("expect")) { Content = new ByteArrayContent(new byte[1234]) };
        request.Headers.ExpectContinue = true;
        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal("1234", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Expect_sends_an_interim_100_before_the_body_is_sent()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var socket = await KestrelHostRawClient.ConnectAsync(host);

        await KestrelHostRawClient.SendAsync(socket, "POST /expect HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
        string interim = await KestrelHostRawClient.ReadHeadAsync(socket);
        await KestrelHostRawClient.SendAsync(socket, "abc");
        string final = await KestrelHostRawClient.ReadHeadAsync(socket);

        Assert.StartsWith("HTTP/1.1 100 Continue\r\n", interim, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", final, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_header_puts_the_field_on_the_response()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using HttpResponseMessage response = await client.GetAsync(host.Url("set-header?name=X-Custom&value=v%201"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("v 1", Header(response, "X-Custom"));
    }

    [Fact]
    public async Task Two_keep_alive_requests_share_one_connection()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        Assert.Equal("hello", await client.GetStringAsync(host.Url("hello")));
        Assert.Equal("hello", await client.GetStringAsync(host.Url("hello")));

        Assert.Equal(1, host.ConnectionCount);
        Assert.Equal(2, host.RequestCount);
    }

    [Fact]
    public async Task Requests_with_connection_close_each_open_a_connection()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();
        client.DefaultRequestHeaders.ConnectionClose = true;

        Assert.Equal("hello", await client.GetStringAsync(host.Url("hello")));
        Assert.Equal("hello", await client.GetStringAsync(host.Url("hello")));

        Assert.Equal(2, host.ConnectionCount);
        Assert.Equal(2, host.RequestCount);
    }

    [Fact]
    public async Task Close_endpoint_ends_the_connection()
    {
        await using var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();

        using HttpResponseMessage response = await client.GetAsync(host.Url("close"));
        Assert.Equal("close", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.ConnectionClose);
        Assert.Equal("hello", await client.GetStringAsync(host.Url("hello")));

        Assert.Equal(2, host.ConnectionCount);
    }

    [Fact]
    public async Task Https_serves_the_test_certificate()
    {
        await using var host = await KestrelTestHost.StartAsync(https: true);
        string expected = TestCertificates.Localhost.GetCertHashString(HashAlgorithmName.SHA256);
        string? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate?.GetCertHashString(HashAlgorithmName.SHA256);
                return presented == expected;
            },
        };
        using var client = new HttpClient(handler);

        string body = await client.GetStringAsync(host.Url("hello"));

        Assert.Equal("https", host.BaseUri.Scheme);
        Assert.Equal("hello", body);
        Assert.Equal(expected, presented);
        Assert.Equal(1, host.ConnectionCount);
    }

    [Fact]
    public async Task Configure_adjusts_kestrel_after_the_defaults()
    {
        await using var host = await KestrelTestHost.StartAsync(configure: options => options.Limits.MaxRequestHeadersTotalSize = 1024);
        using var client = new HttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, host.Url("hello"));
        request.Headers.TryAddWithoutValidation("X-Big", new string('a', 2048));
        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public void Sync_start_listens_and_dispose_stops_listening()
    {
        int port;
        using (var host = KestrelTestHost.Start())
        {
            port = host.Port;
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(IPAddress.Loopback, port);
            Assert.True(socket.Connected);
        }

        using var after = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        SocketException refused = Assert.Throws<SocketException>(() => after.Connect(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task Dispose_aborts_a_response_still_being_written()
    {
        var host = await KestrelTestHost.StartAsync();
        using var client = new HttpClient();
        using HttpResponseMessage response = await client.GetAsync(host.Url("slow-body/5?gapMs=10000"), HttpCompletionOption.ResponseHeadersRead);

        await host.DisposeAsync();

        Assert.Equal(5, response.Content.Headers.ContentLength);
        // The head was flushed before the first 10 s gap; the body ends early because the server went away.
        await Assert.ThrowsAsync<HttpRequestException>(() => response.Content.ReadAsByteArrayAsync());
    }

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(",", response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values : []);
}
