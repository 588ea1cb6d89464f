using System.Text;

namespace Reqivo.WebSocketConformance.Cases;

/// <summary>
/// One event the fuzzer observed from the client, as Autobahn records it: ("message", payload, binary),
/// ("pong", payload) or ("timeout", tag). Equality is by content, so expected and received lists compare directly.
/// </summary>
internal sealed record Observation(string Kind, byte[] Data, bool Binary = false)
{
    public static Observation Message(byte[] payload, bool binary) => new("message", payload, binary);

    public static Observation Message(string text) => new("message", Encoding.UTF8.GetBytes(text), false);

    public static Observation Pong(byte[] payload) => new("pong", payload);

    public static Observation Pong(string payload) => new("pong", Encoding.UTF8.GetBytes(payload));

    public static Observation Timeout(string tag) => new("timeout", Encoding.ASCII.GetBytes(tag));

    /// <summary>The client broke the protocol towards the fuzzer (never part of an expected outcome).</summary>
    public static Observation ClientViolation(string reason) => new("client-violation", Encoding.UTF8.GetBytes(reason));

    public bool Equals(Observation? other) =>
        other is not null && Kind == other.Kind && Binary == other.Binary && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode() => HashCode.Combine(Kind, Binary, Data.Length);

    /// <summary>Short form for reports: kind, length, and the start of the payload.</summary>
    public override string ToString()
    {
        string shown = Data.Length == 0 ? string.Empty : Describe(Data.AsSpan(0, Math.Min(Data.Length, 40)));
        string more = Data.Length > 40 ? " ..." : string.Empty;
        return Kind switch
        {
            "message" => $"message({(Binary ? "binary" : "text")}, {Data.Length} B: {shown}{more})",
            "timeout" => $"timeout({shown})",
            "client-violation" => $"client-violation({Encoding.UTF8.GetString(Data)})",
            _ => $"{Kind}({Data.Length} B: {shown}{more})",
        };
    }

    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return "0x" + Convert.ToHexString(bytes).ToLowerInvariant();
            }
        }

        return "\"" + Encoding.ASCII.GetString(bytes) + "\"";
    }
}
