using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>Forms posted through Session to Kestrel, whose own form reader parses them (an independent peer).</summary>
public sealed class FormLoopbackTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Urlencoded_form_is_parsed_by_kestrel(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        RequestBody body = RequestBody.FromForm([new("q", "a&b=c+d é"), new("q", "~*"), new("empty", "")]);

        using Response response = await PostAsync(session, body, async);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("field:q=a&b=c+d é\nfield:q=~*\nfield:empty=\n", await response.ReadAsStringAsync(async));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Multipart_form_with_a_streamed_file_is_parsed_by_kestrel(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, TestPayload.Create(3 * 1024 * 1024));
            MultipartFormBody body = new MultipartFormBody()
                .AddField("title", "Grüße")
                .AddBytes("small", new byte[] { 1, 2, 3 }, "small.bin")
                .AddFile("upload", path, "report.pdf", "application/pdf");

            using Response response = await PostAsync(session, body, async);

            Assert.Equal(200, response.StatusCode);
            Assert.Equal(body.Length?.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetCombinedValue("X-Request-Length"));
            Assert.Equal(
                "field:title=Grüße\nfile:small;small.bin;application/octet-stream;3\nfile:upload;report.pdf;application/pdf;3145728\n",
                await response.ReadAsStringAsync(async));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Multipart_form_with_an_unknown_length_is_sent_chunked(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        MultipartFormBody body = new MultipartFormBody()
            .AddField("a", "1")
            .AddStream("s", new NonSeekableStream(TestPayload.Create(100_000)), "s.bin");

        using Response response = await PostAsync(session, body, async);

        Assert.Equal("chunked", response.Headers.GetCombinedValue("X-Request-Length"));
        Assert.Equal("field:a=1\nfile:s;s.bin;application/octet-stream;100000\n", await response.ReadAsStringAsync(async));
    }

    private static async Task<Response> PostAsync(Session session, RequestBody body, bool async) =>
        async ? await session.PostAsync("/form", body) : session.Post("/form", body);
}
