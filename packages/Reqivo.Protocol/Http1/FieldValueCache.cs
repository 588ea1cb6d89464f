using System;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// Remembers, for each well-known field name (<see cref="KnownHeaderTable"/>), the bytes and string of the last
/// value received on this connection. Servers repeat most values from one response to the next (<c>Server</c>,
/// <c>Content-Type</c>, often <c>Date</c> within a second), so a repeated value costs a comparison instead of a
/// string allocation.
/// </summary>
/// <remarks>One instance per decoder, so per connection: values never leak across connections.</remarks>
internal sealed class FieldValueCache
{
    // Longer values are rarely repeated verbatim (cookies, tokens) and would pin memory per connection.
    private const int MaxCachedLength = 256;

    private readonly byte[]?[] _bytes = new byte[KnownHeaderTable.Count][];
    private readonly int[] _lengths = new int[KnownHeaderTable.Count];
    private readonly string?[] _strings = new string?[KnownHeaderTable.Count];

    /// <summary>The string for <paramref name="value"/> of the well-known field at <paramref name="knownIndex"/>.</summary>
    public string GetOrAdd(int knownIndex, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        string? cached = _strings[knownIndex];
        byte[]? cachedBytes = _bytes[knownIndex];
        if (cached is not null && cachedBytes is not null && value.SequenceEqual(cachedBytes.AsSpan(0, _lengths[knownIndex])))
        {
            return cached;
        }

        string decoded = FieldText.Decode(value);
        if (value.Length <= MaxCachedLength)
        {
            if (cachedBytes is null || cachedBytes.Length < value.Length)
            {
                cachedBytes = new byte[Math.Max(value.Length, 32)];
                _bytes[knownIndex] = cachedBytes;
            }

            value.CopyTo(cachedBytes);
            _lengths[knownIndex] = value.Length;
            _strings[knownIndex] = decoded;
        }

        return decoded;
    }
}
