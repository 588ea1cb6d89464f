using System;
using System.Buffers;
using System.Text;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

public sealed class RequestHeadResetTests
{
    [Fact]
    public void Reset_makes_the_head_describe_the_new_request_only()
    {
        var head = new Http1RequestHead("POST", RequestTarget.Origin("/a"), "one.example");
        head.Headers.Add("X-Old", "1");
        head.Framing = RequestFraming.ContentLength(3);

        head.Reset("GET", RequestTarget.Origin("/b?c=d"), "two.example:8080");
        head.Headers.Add("Accept", "*/*");
        var output = new ArrayBufferWriter<byte>();
        Http1RequestWriter.Write(head, output);

        Assert.Equal("GET /b?c=d HTTP/1.1\r\nHost: two.example:8080\r\nAccept: */*\r\n\r\n", Encoding.ASCII.GetString(output.WrittenSpan));
        Assert.Equal(RequestFramingKind.None, head.Framing.Kind);
    }

    [Fact]
    public void A_refused_reset_leaves_the_head_unchanged()
    {
        var head = new Http1RequestHead("GET", RequestTarget.Origin("/a"), "one.example");
        head.Headers.Add("X-Kept", "1");

        Assert.Throws<ArgumentException>(() => head.Reset("BAD METHOD", RequestTarget.Origin("/b"), "two.example"));
        Assert.Throws<ArgumentException>(() => head.Reset("GET", RequestTarget.Origin("/b"), "bad host"));
        Assert.Throws<ArgumentException>(() => head.Reset("GET", RequestTarget.Authority("two.example", 443), "two.example:443"));

        Assert.Equal("GET", head.Method);
        Assert.Equal("/a", head.Target.Value);
        Assert.Equal("one.example", head.Host);
        Assert.Equal("1", Assert.Single(head.Headers).Value);
    }
}
