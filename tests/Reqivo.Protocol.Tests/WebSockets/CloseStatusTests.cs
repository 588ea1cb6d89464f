using System;
using System.Linq;
using System.Text;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

public sealed class CloseStatusTests
{
    [Fact]
    public void Valid_codes_are_exactly_1000_to_1003_1007_to_1014_and_3000_to_4999()
    {
        for (int code = 0; code <= 70000; code++)
        {
            bool expected = code is (>= 1000 and <= 1003) or (>= 1007 and <= 1014) or (>= 3000 and <= 4999);
            Assert.True(expected == WebSocketCloseStatus.IsValid(code), $"code {code}");
        }

        Assert.False(WebSocketCloseStatus.IsValid(-1));
    }

    [Theory]
    [InlineData(WebSocketCloseStatus.NormalClosure, 1000)]
    [InlineData(WebSocketCloseStatus.GoingAway, 1001)]
    [InlineData(WebSocketCloseStatus.ProtocolError, 1002)]
    [InlineData(WebSocketCloseStatus.UnsupportedData, 1003)]
    [InlineData(WebSocketCloseStatus.NoStatusReceived, 1005)]
    [InlineData(WebSocketCloseStatus.AbnormalClosure, 1006)]
    [InlineData(WebSocketCloseStatus.InvalidPayloadData, 1007)]
    [InlineData(WebSocketCloseStatus.PolicyViolation, 1008)]
    [InlineData(WebSocketCloseStatus.MessageTooBig, 1009)]
    [InlineData(WebSocketCloseStatus.MandatoryExtension, 1010)]
    [InlineData(WebSocketCloseStatus.InternalError, 1011)]
    [InlineData(WebSocketCloseStatus.ServiceRestart, 1012)]
    [InlineData(WebSocketCloseStatus.TryAgainLater, 1013)]
    [InlineData(WebSocketCloseStatus.BadGateway, 1014)]
    [InlineData(WebSocketCloseStatus.TlsHandshake, 1015)]
    [InlineData(WebSocketCloseStatus.MaxReasonLength, 123)]
    public void Named_codes_have_their_registered_values(int constant, int value)
    {
        Assert.Equal(value, constant);
    }

    [Fact]
    public void Writes_the_code_in_network_order_then_the_reason()
    {
        byte[] buffer = new byte[20];

        int written = WebSocketCloseStatus.WritePayload(buffer, 1001, "bye €");

        Assert.Equal("03e9" + Convert.ToHexString(Encoding.UTF8.GetBytes("bye €")).ToLowerInvariant(), Convert.ToHexString(buffer, 0, written).ToLowerInvariant());
        Assert.Equal(written, WebSocketCloseStatus.GetPayloadLength("bye €"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_reason_the_payload_is_the_code_alone(string? reason)
    {
        byte[] buffer = new byte[2];

        Assert.Equal(2, WebSocketCloseStatus.WritePayload(buffer, 4000, reason));
        Assert.Equal(new byte[] { 0x0F, 0xA0 }, buffer);
        Assert.Equal(2, WebSocketCloseStatus.GetPayloadLength(reason));
    }

    [Fact]
    public void A_reason_of_123_bytes_is_written_and_one_of_124_refused()
    {
        byte[] buffer = new byte[200];

        Assert.Equal(125, WebSocketCloseStatus.WritePayload(buffer, 1000, new string('r', 123)));
        Assert.Throws<ArgumentException>(() => WebSocketCloseStatus.WritePayload(buffer, 1000, new string('r', 124)));
        Assert.Throws<ArgumentException>(() => WebSocketCloseStatus.WritePayload(buffer, 1000, string.Concat(Enumerable.Repeat("€", 41)) + "x"));
    }

    [Theory]
    [InlineData(999)]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(1015)]
    [InlineData(2000)]
    [InlineData(5000)]
    public void Codes_that_may_not_be_sent_are_refused(int code)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => WebSocketCloseStatus.WritePayload(new byte[10], code));

        Assert.Equal("code", error.ParamName);
    }

    [Fact]
    public void An_unpaired_surrogate_or_a_small_destination_is_refused()
    {
        Assert.ThrowsAny<ArgumentException>(() => WebSocketCloseStatus.WritePayload(new byte[10], 1000, "\ud800"));
        var small = Assert.Throws<ArgumentException>(() => WebSocketCloseStatus.WritePayload(new byte[4], 1000, "abc"));
        Assert.Equal("destination", small.ParamName);
        Assert.Equal(5, WebSocketCloseStatus.WritePayload(new byte[5], 1000, "abc"));
    }

    [Fact]
    public void Reads_code_and_reason()
    {
        WebSocketCloseStatus.ReadPayload([0x0B, 0xB8, .. Encoding.UTF8.GetBytes("κόσμε")], out int code, out string reason);

        Assert.Equal(3000, code);
        Assert.Equal("κόσμε", reason);
    }

    [Fact]
    public void Reads_a_code_without_reason()
    {
        WebSocketCloseStatus.ReadPayload([0x03, 0xE8], out int code, out string reason);

        Assert.Equal(1000, code);
        Assert.Equal(string.Empty, reason);
    }

    [Fact]
    public void An_empty_payload_reads_as_1005_no_status_received()
    {
        // RFC 6455 §7.1.5: a Close frame without a status code makes the connection close code 1005.
        WebSocketCloseStatus.ReadPayload([], out int code, out string reason);

        Assert.Equal(1005, code);
        Assert.Equal(string.Empty, reason);
    }

    [Fact]
    public void Reading_validates_like_the_decoder()
    {
        Assert.Equal(WebSocketViolation.InvalidCloseStatus, Assert.Throws<WebSocketProtocolException>(() => WebSocketCloseStatus.ReadPayload([0x03], out _, out _)).Violation);
        Assert.Equal(WebSocketViolation.InvalidCloseStatus, Assert.Throws<WebSocketProtocolException>(() => WebSocketCloseStatus.ReadPayload([0x03, 0xED], out _, out _)).Violation);
        Assert.Equal(WebSocketViolation.InvalidUtf8, Assert.Throws<WebSocketProtocolException>(() => WebSocketCloseStatus.ReadPayload([0x03, 0xE8, 0xFF], out _, out _)).Violation);
    }

    [Fact]
    public void Validate_accepts_empty_and_valid_payloads()
    {
        WebSocketCloseStatus.Validate([]);
        WebSocketCloseStatus.Validate([0x03, 0xE8]);
        WebSocketCloseStatus.Validate([0x13, 0x87, 0x41]); // 4999 "A"

        Assert.Throws<WebSocketProtocolException>(() => WebSocketCloseStatus.Validate([0x13, 0x88])); // 5000
    }

    [Fact]
    public void Written_payloads_read_back()
    {
        byte[] buffer = new byte[125];
        int written = WebSocketCloseStatus.WritePayload(buffer, 4321, "round trip 𤭢");

        WebSocketCloseStatus.ReadPayload(buffer.AsSpan(0, written), out int code, out string reason);

        Assert.Equal(4321, code);
        Assert.Equal("round trip 𤭢", reason);
    }
}
