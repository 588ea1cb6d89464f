using System;

namespace Reqivo.Protocol.Tests.Errors;

public sealed class ExceptionTests
{
    [Fact]
    public void A_ReqivoException_made_without_a_message_still_explains_itself()
    {
        var error = new ReqivoException();

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Null(error.InnerException);
        Assert.Null(error.RequestMethod);
        Assert.Null(error.RequestUrl);
    }

    [Fact]
    public void A_ProtocolException_keeps_its_error_kind_and_inner_exception()
    {
        var inner = new FormatException("inner");

        var error = new ProtocolException(ProtocolError.InvalidChunkSize, "outer", inner);

        Assert.Equal(ProtocolError.InvalidChunkSize, error.Error);
        Assert.Same(inner, error.InnerException);
    }
}
