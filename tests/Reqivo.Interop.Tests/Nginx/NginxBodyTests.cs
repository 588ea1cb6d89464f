using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using Reqivo.Interop.Tests.Infrastructure;

namespace Reqivo.Interop.Tests.Nginx;

/// <summary>Response and request bodies in each framing nginx uses: length-delimited, chunked, gzip-coded, echoed.</summary>
public sealed class NginxBodyTests(NginxServer nginx) : IClassFixture<NginxServer>
{
    private const int Period = 251;

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task One_MiB_arrives_byte_for_byte(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);

        using Response response = await session.GetAsync("/bytes/1m", async);
        byte[] body = await response.ReadAsBytesAsync(async);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1 << 20, body.Length);
        // Byte i is i % 251 (build/interop/nginx.sh): a prime period, so a lost, repeated or moved block shows.
        Assert.Equal(-1, IndexOfDifference(body, Pattern(body.Length)));
        Assert.Equal(-1, IndexOfDifference(body, nginx.ReadServedFile("bytes/1m")));
    }

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Chunked_response_is_reassembled(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);

        using Response response = await session.GetAsync("/chunked", async);
        byte[] body = await response.ReadAsBytesAsync(async);

        Assert.Equal("chunked", response.Field("Transfer-Encoding"));
        Assert.False(response.Headers.TryGetValue("Content-Length", out _));
        Assert.Equal(86016, body.Length);
        Assert.Equal(-1, IndexOfDifference(body, nginx.ReadServedFile("text")));
    }

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Gzip_coded_response_is_decoded_by_the_session(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);

        // The session advertises gzip, deflate and br by default, so nginx compresses the page on the fly.
        using Response response = await session.GetAsync("/gzip", async);
        byte[] body = await response.ReadAsBytesAsync(async);

        Assert.Equal("chunked", response.Field("Transfer-Encoding"));
        Assert.False(response.Headers.TryGetValue("Content-Encoding", out _));
        Assert.Equal(-1, IndexOfDifference(body, nginx.ReadServedFile("text")));
    }

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task A_request_that_sets_Accept_Encoding_gzip_gets_the_gzip_stream_decoded(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);
        var request = new Request(HttpMethods.Get, "/gzip") { StreamResponse = true };
        request.Headers.Add("Accept-Encoding", "gzip");

        using Response response = await session.SendAsync(request, async);
        byte[] body = await response.ReadAsBytesAsync(async);

        Assert.False(response.Headers.TryGetValue("Content-Encoding", out _));
        Assert.Equal(-1, IndexOfDifference(body, nginx.ReadServedFile("text")));
    }

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Gzip_location_sends_identity_when_not_asked(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);
        var request = new Request(HttpMethods.Get, "/gzip");
        request.Headers.Add("Accept-Encoding", "identity");

        using Response response = await session.SendAsync(request, async);
        byte[] body = await response.ReadAsBytesAsync(async);

        Assert.False(response.Headers.TryGetValue("Content-Encoding", out _));
        Assert.Equal("86016", response.Field("Content-Length"));
        Assert.Equal(-1, IndexOfDifference(body, nginx.ReadServedFile("text")));
    }

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Post_with_content_length_round_trips(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);
        byte[] sent = Pattern(100_000);

        using Response response = await session.SendAsync(
            new Request(HttpMethods.Post, nginx.EchoAvailable ? "/echo" : "/post") { Body = RequestBody.FromBytes(sent) }, async);
        byte[] received = await response.ReadAsBytesAsync(async);

        Assert.Equal(200, response.StatusCode);
        AssertEchoed(sent, received);
    }

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Post_with_chunked_body_round_trips(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);
        byte[] sent = Pattern(300_000);
        // Uneven blocks, so chunk boundaries fall nowhere near the pattern's period.
        ReadOnlyMemory<byte>[] blocks = [sent.AsMemory(0, 1), sent.AsMemory(1, 65_535), sent.AsMemory(65_536, 100_003), sent.AsMemory(165_539)];

        using Response response = await session.SendAsync(
            new Request(HttpMethods.Post, nginx.EchoAvailable ? "/echo" : "/post") { Body = RequestBody.FromChunks(blocks) }, async);
        byte[] received = await response.ReadAsBytesAsync(async);

        Assert.Equal(200, response.StatusCode);
        AssertEchoed(sent, received);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Streamed_download_of_256_MiB_reads_every_byte(bool async)
    {
        const long Length = 256L << 20;
        using Session session = nginx.CreateSession(Scheme.Http);

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/download/256m") { StreamResponse = true }, async);
        Assert.False(response.IsBuffered);
        Assert.Equal("268435456", response.Field("Content-Length"));
        long nonZeroBlocks = 0;
        long total = await response.ReadChunksAsync(async, block =>
        {
            // The file is sparse: every byte nginx sends is zero.
            if (block.Span.ContainsAnyExcept((byte)0))
            {
                nonZeroBlocks++;
            }
        });

        Assert.Equal(Length, total);
        Assert.Equal(0, nonZeroBlocks);
        // Read to its end, the streamed body gave its connection back to the pool.
        Assert.Equal(1, session.GetPoolStatistics().Idle);
        Assert.Equal(0, session.GetPoolStatistics().Active);
    }

    private void AssertEchoed(byte[] sent, byte[] received)
    {
        if (nginx.EchoAvailable)
        {
            Assert.Equal(sent.Length, received.Length);
            Assert.Equal(-1, IndexOfDifference(received, sent));
        }
        else
        {
            // Without the echo module nginx can only prove it read the whole body and answered once.
            Assert.Equal("posted"u8.ToArray(), received);
        }
    }

    private static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)(i % Period)).ToArray();

    /// <summary>The first index where the arrays differ (including a length difference), or -1: a useful failure message for megabytes.</summary>
    private static int IndexOfDifference(byte[] actual, byte[] expected)
    {
        int common = actual.AsSpan().CommonPrefixLength(expected);
        return common == actual.Length && common == expected.Length ? -1 : common;
    }
}
