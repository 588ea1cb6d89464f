namespace Reqivo.Interop.Tests.Infrastructure;

/// <summary>Which of the peer's two ports a test talks to.</summary>
public enum Scheme
{
    /// <summary>Plain HTTP/1.1.</summary>
    Http,

    /// <summary>HTTP/1.1 over TLS, trusting the peer's self-signed certificate by its pinned thumbprint.</summary>
    Https,
}
