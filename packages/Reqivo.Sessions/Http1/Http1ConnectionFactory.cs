using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Pooling;
using Reqivo.Protocol.Http1;
using Reqivo.Transport;

namespace Reqivo.Http1;

/// <summary>Opens HTTP/1.1 connections for the pool: plain over the session's transport, https over TLS on top of it.</summary>
internal sealed class Http1ConnectionFactory : IConnectionFactory<Http1Connection>
{
    private readonly ITransport _plain;
    private readonly TlsTransport _secure;
    private readonly Http1Limits _limits;

    public Http1ConnectionFactory(ITransport plain, TlsOptions tls, Http1Limits limits)
    {
        _plain = plain;
        _secure = new TlsTransport(plain, tls);
        _limits = limits;
    }

    public string IdentityFor(string scheme) => IsSecure(scheme) ? _secure.Identity : _plain.Identity;

    public Http1Connection Create(PoolKey key, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        ITransportConnection transport = TransportFor(key).Connect(TransportEndpoint.Tcp(key.Host, key.Port), connectTimeout, cancellationToken);
        return new Http1Connection(transport, key, _limits);
    }

    public async ValueTask<Http1Connection> CreateAsync(PoolKey key, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        ITransportConnection transport = await TransportFor(key)
            .ConnectAsync(TransportEndpoint.Tcp(key.Host, key.Port), connectTimeout, cancellationToken)
            .ConfigureAwait(false);
        return new Http1Connection(transport, key, _limits);
    }

    private ITransport TransportFor(PoolKey key) => IsSecure(key.Scheme) ? _secure : _plain;

    private static bool IsSecure(string scheme) => string.Equals(scheme, "https", StringComparison.Ordinal);
}
