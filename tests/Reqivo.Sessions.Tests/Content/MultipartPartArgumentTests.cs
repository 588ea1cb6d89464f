using System;
using System.IO;
using System.Threading.Tasks;
using Reqivo.Bodies;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>What a multipart form refuses when a part is added, and how a file part guards and releases its file.</summary>
public sealed class MultipartPartArgumentTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Null_arguments_name_the_parameter()
    {
        var form = new MultipartFormBody("b0undary");

        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => form.AddField("f", null!)).ParamName);
        Assert.Equal("content", Assert.Throws<ArgumentNullException>(() => form.AddStream("f", null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => form.AddFile("f", null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => form.AddFile("f", string.Empty)).ParamName);
    }

    [Fact]
    public void An_unreadable_stream_is_refused()
    {
        var closed = new MemoryStream([1, 2]);
        closed.Dispose();

        var error = Assert.Throws<ArgumentException>(() => new MultipartFormBody("b0undary").AddStream("f", closed));

        Assert.Equal("content", error.ParamName);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void A_negative_stream_length_is_refused(long length)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MultipartFormBody("b0undary").AddStream("f", new MemoryStream(), length: length));

        Assert.Equal("length", error.ParamName);
    }

    [Theory]
    [InlineData("b0undary")]
    [InlineData("b0undary and more")]
    [InlineData("text, then b0undary")]
    public void In_memory_content_containing_the_boundary_anywhere_is_refused(string content)
    {
        var form = new MultipartFormBody("b0undary");

        Assert.Equal("content", Assert.Throws<ArgumentException>(() => form.AddField("f", content)).ParamName);
    }

    [Fact]
    public void A_missing_file_is_named_as_given()
    {
        string missing = "reqivo-missing-" + Guid.NewGuid().ToString("N");

        var error = Assert.Throws<FileNotFoundException>(() => new MultipartFormBody("b0undary").AddFile("f", missing));

        Assert.Equal(missing, error.FileName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_that_grew_after_it_was_added_fails_the_send(bool async)
    {
        File.WriteAllBytes(_path, [1, 2, 3]);
        var form = new MultipartFormBody("b0undary").AddFile("f", _path);
        File.WriteAllBytes(_path, [1, 2, 3, 4]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RecordingSink.WriteAsync(form, async));

        Assert.Contains(_path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_sent_file_is_closed(bool async)
    {
        File.WriteAllBytes(_path, [1, 2, 3]);
        var form = new MultipartFormBody("b0undary").AddFile("f", _path);

        await RecordingSink.WriteAsync(form, async);

        // Only possible once no other handle holds the file (FileShare.None takes an exclusive lock).
        using var exclusive = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.Equal(3, exclusive.Length);
    }
}
