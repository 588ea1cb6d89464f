using System;

namespace Reqivo.LoadHarness;

/// <summary>The clients the harness compares. wrk is run by the orchestrator, the others in child processes.</summary>
internal enum ClientKind
{
    ReqivoAsync,
    ReqivoSync,
    HttpClientAsync,
    HttpClientSync,
    Wrk,
}

internal static class ClientKinds
{
    public static readonly ClientKind[] Managed = [ClientKind.ReqivoAsync, ClientKind.ReqivoSync, ClientKind.HttpClientAsync, ClientKind.HttpClientSync];

    public static string Name(this ClientKind kind) => kind switch
    {
        ClientKind.ReqivoAsync => "reqivo-async",
        ClientKind.ReqivoSync => "reqivo-sync",
        ClientKind.HttpClientAsync => "httpclient-async",
        ClientKind.HttpClientSync => "httpclient-sync",
        ClientKind.Wrk => "wrk",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ClientKind Parse(string name)
    {
        foreach (ClientKind kind in Enum.GetValues<ClientKind>())
        {
            if (kind.Name() == name)
            {
                return kind;
            }
        }

        throw new ArgumentException($"Unknown client '{name}'.", nameof(name));
    }

    public static bool IsSync(this ClientKind kind) => kind is ClientKind.ReqivoSync or ClientKind.HttpClientSync;

    public static bool IsReqivo(this ClientKind kind) => kind is ClientKind.ReqivoAsync or ClientKind.ReqivoSync;

    /// <summary>The HttpClient form a Reqivo client is compared with (same sync or async form).</summary>
    public static ClientKind HttpClientCounterpart(this ClientKind kind) =>
        kind.IsSync() ? ClientKind.HttpClientSync : ClientKind.HttpClientAsync;
}
