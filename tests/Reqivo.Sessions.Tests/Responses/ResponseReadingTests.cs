using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Protocol;
using Reqivo.Sessions.Tests.Support;

namespace Reqivo.Sessions.Tests.Responses;

/// <summary>Reading a response body as bytes, text, JSON, blocks and lines, buffered or streamed, without a server.</summary>
public sealed class ResponseReadingTests
{
    private static readonly Request Get = new(HttpMethods.Get, "http://example.com/x");

    [Theory]
    [InlineData(199, false)]
    [InlineData(200, true)]
    [InlineData(250, true)]
    [InlineData(299, true)]
    [InlineData(300, false)]
    public void IsSuccess_is_exactly_the_2xx_range(int status, bool success)
    {
        Assert.Equal(success, Response.Create(Get, status).IsSuccess);
    }

    [Fact]
    public async Task The_async_readers_read_a_streamed_body_asynchronously()
    {
        var content = ScriptedContent.WithLength([1, 2], [3]);
        using Response response = Response.Create(Get, 200).WithContent(content);

        byte[] body = await response.ReadAsBytesAsync();

        Assert.Equal(new byte[] { 1, 2, 3 }, body);
        Assert.All(content.ReadModes, async => Assert.True(async));
        Assert.Equal(3, content.ReadModes.Count);
    }

    [Fact]
    public async Task ReadChunksAsync_reads_a_streamed_body_asynchronously_block_by_block()
    {
        var content = ScriptedContent.WithLength([1, 2], [3]);
        using Response response = Response.Create(Get, 200).WithContent(content);

        var blocks = new List<byte[]>();
        await foreach (ReadOnlyMemory<byte> block in response.ReadChunksAsync())
        {
            blocks.Add(block.ToArray());
        }

        Assert.Equal([[1, 2], [3]], blocks);
        Assert.Equal([true, true, true], content.ReadModes);
    }

    [Fact]
    public void ReadChunks_reads_a_streamed_body_synchronously_block_by_block()
    {
        var content = ScriptedContent.WithLength([1, 2], [3]);
        using Response response = Response.Create(Get, 200).WithContent(content);

        List<byte[]> blocks = response.ReadChunks().Select(block => block.ToArray()).ToList();

        Assert.Equal([[1, 2], [3]], blocks);
        Assert.Equal([false, false, false], content.ReadModes);
    }

    [Fact]
    public async Task An_empty_buffered_body_has_no_blocks()
    {
        using Response response = Response.Create(Get, 204);

        Assert.Empty(response.ReadChunks());
        await foreach (ReadOnlyMemory<byte> block in response.ReadChunksAsync())
        {
            Assert.Fail($"unexpected block of {block.Length} bytes");
        }
    }

    [Theory]
    [InlineData("a\nb", new[] { "a", "b" })]
    [InlineData("a\r\nb\r\n", new[] { "a", "b" })]
    [InlineData("\na\n", new[] { "", "a" })]
    [InlineData("\r\n\r\nlast", new[] { "", "", "last" })]
    [InlineData("no terminator", new[] { "no terminator" })]
    public async Task Lines_end_at_LF_or_CRLF_and_the_last_line_needs_no_terminator(string body, string[] expected)
    {
        using Response buffered = Response.Create(Get, 200, body: Encoding.UTF8.GetBytes(body));
        using Response streamed = Response.Create(Get, 200).WithContent(ScriptedContent.WithLength(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(expected, buffered.ReadLines());
        Assert.Equal(expected, await streamed.ReadLinesAsync().ToListAsync());
    }

    [Fact]
    public async Task A_line_split_across_blocks_is_joined()
    {
        byte[][] blocks = [Encoding.UTF8.GetBytes("ab"), Encoding.UTF8.GetBytes("c\r"), Encoding.UTF8.GetBytes("\nde"), Encoding.UTF8.GetBytes("f")];
        using Response sync = Response.Create(Get, 200).WithContent(new ScriptedContent(null, blocks));
        using Response async = Response.Create(Get, 200).WithContent(new ScriptedContent(null, blocks));

        Assert.Equal(["abc", "def"], sync.ReadLines());
        Assert.Equal(["abc", "def"], await async.ReadLinesAsync().ToListAsync());
    }

    [Fact]
    public async Task Text_is_decoded_with_the_charset_of_Content_Type()
    {
        var headers = new HttpHeaders();
        headers.Add(HttpHeaderNames.ContentType, "text/plain; charset=iso-8859-1");
        using Response response = Response.Create(Get, 200, headers, new byte[] { 0x63, 0x61, 0x66, 0xE9 });

        Assert.Equal("café", response.ReadAsString());
        Assert.Equal("café", await response.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reflection_JSON_uses_the_given_options_and_web_defaults_without_them()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"name":"x"}""");
        using Response response = Response.Create(Get, 200, body: json);
        var caseSensitive = new JsonSerializerOptions();

        Assert.Equal("x", response.ReadFromJson<Named>()!.Name);
        Assert.Null(response.ReadFromJson<Named>(caseSensitive)!.Name);
        Assert.Equal("x", (await response.ReadFromJsonAsync<Named>())!.Name);
        Assert.Null((await response.ReadFromJsonAsync<Named>(caseSensitive))!.Name);
    }

    [Fact]
    public async Task DisposeAsync_disposes_the_response_and_its_streamed_content()
    {
        var content = ScriptedContent.WithLength([1]);
        Response response = Response.Create(Get, 200).WithContent(content);

        await response.DisposeAsync();

        Assert.True(content.Disposed);
        Assert.Throws<ObjectDisposedException>(() => response.ReadAsBytes());
    }

    [Fact]
    public void ToString_names_status_reason_method_and_url()
    {
        Assert.Equal("404 Not Found GET http://example.com/x", Response.Create(Get, 404, reasonPhrase: "Not Found").ToString());
        Assert.Equal("204 GET http://example.com/x", Response.Create(Get, 204).ToString());
    }

    [Fact]
    public void A_decoded_copy_keeps_the_history_and_the_head()
    {
        using Response first = Response.Create(Get, 301);
        using Response encoded = Response.Create(Get, 200, reasonPhrase: "OK");
        encoded.History = [first];

        using Response decoded = encoded.WithBody([7]);

        Assert.Same(encoded.History, decoded.History);
        Assert.Equal("OK", decoded.ReasonPhrase);
        Assert.Equal(new byte[] { 7 }, decoded.ReadAsBytes());
    }

    private sealed class Named
    {
        public string? Name { get; set; }
    }
}
