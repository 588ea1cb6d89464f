using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>multipart/form-data (RFC 7578): exact bytes, escaping, boundaries, framing and replay.</summary>
public sealed class MultipartFormBodyTests
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Parts_are_laid_out_byte_for_byte(bool async)
    {
        using var notes = new MemoryStream("line1\r\nline2"u8.ToArray());
        MultipartFormBody body = new MultipartFormBody("XyZ")
            .AddField("title", "Hello wörld")
            .AddBytes("data", new byte[] { 1, 2, 3 }, "a.bin")
            .AddStream("notes", notes, fileName: "notes.txt", contentType: "text/plain");
        byte[] expected = Encoding.UTF8.GetBytes(
            "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello wörld\r\n" +
            "--XyZ\r\nContent-Disposition: form-data; name=\"data\"; filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\u0001\u0002\u0003\r\n" +
            "--XyZ\r\nContent-Disposition: form-data; name=\"notes\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\nline1\r\nline2\r\n" +
            "--XyZ--\r\n");

        RecordingSink sink = await RecordingSink.WriteAsync(body, async);

        Assert.Equal(expected, sink.Bytes);
        Assert.Equal(expected.Length, body.Length);
        Assert.Equal("multipart/form-data; boundary=XyZ", body.ContentType);
        Assert.Equal(3, body.Count);
        // Small parts are gathered into one write instead of one per piece.
        Assert.Equal(1, sink.Writes);
    }

    [Fact]
    public async Task Empty_form_is_the_close_delimiter_alone()
    {
        var body = new MultipartFormBody("b");

        Assert.Equal("--b--\r\n", Encoding.ASCII.GetString((await RecordingSink.WriteAsync(body, async: false)).Bytes));
        Assert.Equal(7, body.Length);
    }

    [Fact]
    public async Task Names_and_file_names_escape_quote_cr_and_lf_and_keep_utf8()
    {
        MultipartFormBody body = new MultipartFormBody("b")
            .AddBytes("a\"b\r\nc", "x"u8.ToArray(), fileName: "C:\\dir\\\"résumé\".pdf", contentType: "application/pdf");

        string text = Encoding.UTF8.GetString((await RecordingSink.WriteAsync(body, async: false)).Bytes);

        Assert.Contains("Content-Disposition: form-data; name=\"a%22b%0D%0Ac\"; filename=\"C:\\dir\\%22résumé%22.pdf\"\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_boundaries_differ_and_appear_in_the_content_type()
    {
        var first = new MultipartFormBody();
        var second = new MultipartFormBody();

        Assert.NotEqual(first.Boundary, second.Boundary);
        Assert.Equal("multipart/form-data; boundary=" + first.Boundary, first.ContentType);
        Assert.InRange(first.Boundary.Length, 30, 70);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a\"b")]
    [InlineData("a;b")]
    [InlineData("é")]
    public void Invalid_boundary_is_refused(string boundary)
    {
        Assert.Throws<ArgumentException>(() => new MultipartFormBody(boundary));
    }

    [Fact]
    public void Boundary_length_is_limited_to_70()
    {
        Assert.Equal(70, new MultipartFormBody(new string('a', 70)).Boundary.Length);
        Assert.Throws<ArgumentException>(() => new MultipartFormBody(new string('a', 71)));
    }

    [Fact]
    public void In_memory_content_containing_the_boundary_is_refused()
    {
        var body = new MultipartFormBody("Sep-42");

        Assert.Throws<ArgumentException>(() => body.AddField("f", "before --Sep-42 after"));
        Assert.Throws<ArgumentException>(() => body.AddBytes("b", "xxSep-42"u8.ToArray()));
        Assert.Equal(0, body.Count);
        body.AddField("f", "Sep-4 and ep-42");
        Assert.Equal(1, body.Count);
    }

    [Fact]
    public void Part_content_type_with_a_line_break_is_refused()
    {
        var body = new MultipartFormBody("b");

        Assert.Throws<ArgumentException>(() => body.AddBytes("x", new byte[1], contentType: "text/plain\r\nX-Injected: 1"));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Stream_without_a_length_makes_the_body_chunked_and_not_replayable(bool async)
    {
        MultipartFormBody body = new MultipartFormBody("b")
            .AddField("f", "v")
            .AddStream("s", new NonSeekableStream("abc"u8.ToArray()));

        Assert.Null(body.Length);
        Assert.False(body.IsReplayable);
        string text = Encoding.ASCII.GetString((await RecordingSink.WriteAsync(body, async)).Bytes);
        Assert.EndsWith("\r\n\r\nabc\r\n--b--\r\n", text, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => RecordingSink.WriteAsync(body, async));
    }

    [Fact]
    public async Task Stream_given_a_length_sends_exactly_that_many_bytes()
    {
        MultipartFormBody body = new MultipartFormBody("b").AddStream("s", new NonSeekableStream("abcdef"u8.ToArray()), length: 4);

        string text = Encoding.ASCII.GetString((await RecordingSink.WriteAsync(body, async: false)).Bytes);

        Assert.Contains("\r\n\r\nabcd\r\n--b--", text, StringComparison.Ordinal);
        Assert.Equal(text.Length, body.Length);
    }

    [Fact]
    public async Task Stream_shorter_than_its_declared_length_fails_the_write()
    {
        MultipartFormBody body = new MultipartFormBody("b").AddStream("s", new NonSeekableStream("ab"u8.ToArray()), length: 4);

        await Assert.ThrowsAsync<InvalidOperationException>(() => RecordingSink.WriteAsync(body, async: true));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Body_of_fields_bytes_seekable_streams_and_files_is_replayed_identically(bool async)
    {
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, Codecs.Text(40_000));
            using var stream = new MemoryStream(Codecs.Text(30_000, seed: 3));
            stream.Position = 1000;
            MultipartFormBody body = new MultipartFormBody()
                .AddField("f", "v")
                .AddBytes("b", Codecs.Text(20_000, seed: 5), "b.txt", "text/plain")
                .AddStream("s", stream)
                .AddFile("file", path);

            byte[] first = (await RecordingSink.WriteAsync(body, async)).Bytes;
            byte[] second = (await RecordingSink.WriteAsync(body, async)).Bytes;

            Assert.True(body.IsReplayable);
            Assert.Equal(first.Length, body.Length);
            Assert.Equal(first, second);
            Assert.Contains($"filename=\"{Path.GetFileName(path)}\"", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_file_is_refused_when_added()
    {
        var body = new MultipartFormBody();

        Assert.Throws<FileNotFoundException>(() => body.AddFile("f", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
    }

    [Fact]
    public async Task File_that_changed_length_after_it_was_added_fails_the_write()
    {
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, new byte[100]);
            MultipartFormBody body = new MultipartFormBody().AddFile("f", path, "x.bin");
            await File.WriteAllBytesAsync(path, new byte[50]);

            await Assert.ThrowsAsync<InvalidOperationException>(() => RecordingSink.WriteAsync(body, async: false));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
