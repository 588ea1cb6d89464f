using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Reqivo.WebSocketConformance.Server;

/// <summary>
/// The client's opening handshake (RFC 6455 §4.1/§4.2.1), read and checked by hand: request line, path and query,
/// header fields (repeated fields joined with commas, names case-insensitive).
/// </summary>
internal sealed class UpgradeRequest
{
    private const int MaxHeadLength = 32 * 1024;

    private UpgradeRequest(string path, Dictionary<string, string> query, Dictionary<string, List<string>> headers, string head)
    {
        Path = path;
        Query = query;
        Headers = headers;
        Head = head;
    }

    public string Path { get; }

    public Dictionary<string, string> Query { get; }

    public Dictionary<string, List<string>> Headers { get; }

    /// <summary>The request head as received, for the per-case report.</summary>
    public string Head { get; }

    /// <summary>Bytes after the head that the client sent before seeing the response (frames, already).</summary>
    public byte[] Leftover { get; private set; } = [];

    public string? Header(string name) => Headers.TryGetValue(name, out List<string>? values) ? string.Join(", ", values) : null;

    /// <summary>Reads the head; null when the connection ends first or the head is not an HTTP/1.1 GET.</summary>
    public static async Task<UpgradeRequest?> ReadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHeadLength];
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            filled += read;
            int end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                UpgradeRequest? request = Parse(Encoding.Latin1.GetString(buffer, 0, end));
                if (request is not null)
                {
                    request.Leftover = buffer[(end + 4)..filled];
                }

                return request;
            }
        }

        return null;
    }

    /// <summary>RFC 6455 §4.2.2 (5.4): base64(SHA-1(key + GUID)). SHA-1 is what the RFC prescribes, not a security choice.</summary>
#pragma warning disable CA5350
    public static string AcceptFor(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key.Trim() + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350

    /// <summary>The reason the request is not a valid WebSocket upgrade, or null when it is.</summary>
    public string? Problem()
    {
        if (!ContainsToken(Header("Upgrade"), "websocket"))
        {
            return "missing Upgrade: websocket";
        }

        if (!ContainsToken(Header("Connection"), "upgrade"))
        {
            return "missing Connection: Upgrade";
        }

        if (Header("Sec-WebSocket-Version")?.Trim() != "13")
        {
            return "Sec-WebSocket-Version must be 13";
        }

        string? key = Header("Sec-WebSocket-Key");
        if (key is null || !IsBase64Of16Bytes(key.Trim()))
        {
            return "Sec-WebSocket-Key must be 16 bytes, base64-encoded";
        }

        return null;
    }

    private static bool IsBase64Of16Bytes(string key)
    {
        Span<byte> decoded = stackalloc byte[24];
        return Convert.TryFromBase64String(key, decoded, out int written) && written == 16;
    }

    private static bool ContainsToken(string? value, string token) =>
        value is not null && value.Split(',').Any(t => t.Trim().Equals(token, StringComparison.OrdinalIgnoreCase));

    private static UpgradeRequest? Parse(string head)
    {
        string[] lines = head.Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[0] != "GET" || !requestLine[2].StartsWith("HTTP/1.1", StringComparison.Ordinal))
        {
            return null;
        }

        string target = requestLine[1];
        int questionMark = target.IndexOf('?', StringComparison.Ordinal);
        string path = questionMark < 0 ? target : target[..questionMark];
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (questionMark >= 0)
        {
            foreach (string pair in target[(questionMark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] nameValue = pair.Split('=', 2);
                query[Uri.UnescapeDataString(nameValue[0])] = nameValue.Length > 1 ? Uri.UnescapeDataString(nameValue[1].Replace('+', ' ')) : string.Empty;
            }
        }

        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }

            string name = line[..colon].Trim();
            if (!headers.TryGetValue(name, out List<string>? values))
            {
                headers[name] = values = [];
            }

            values.Add(line[(colon + 1)..].Trim());
        }

        return new UpgradeRequest(path, query, headers, head);
    }
}
