using System;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// Validates UTF-8 incrementally, across any split of a message into pieces (frames, reads, decompressed blocks), and
/// fails on the first byte after which no continuation could make the bytes valid UTF-8 (RFC 3629, as RFC 6455 §8.1
/// requires of text messages): overlong forms, surrogates (U+D800–U+DFFF), code points above U+10FFFF, bytes that
/// never occur in UTF-8 (C0, C1, F5–FF) and unexpected continuation bytes.
/// </summary>
/// <remarks>
/// Call <see cref="Append"/> with each piece, then <see cref="Complete"/> at the end of the message, which also fails
/// when the message ends inside a multi-byte sequence. Runs of ASCII are skipped with a vectorised search. An instance
/// is reusable (<see cref="Reset"/>) and is not thread-safe.
/// </remarks>
public sealed class Utf8Validator
{
    // The state between pieces: how many continuation bytes the current sequence still needs, and the range the next
    // one must fall in. The range is narrower than 80–BF only for the second byte after E0, ED, F0 and F4, which is
    // where overlong forms, surrogates and code points above U+10FFFF are excluded (RFC 3629 §4, UTF8-3 and UTF8-4).
    private int _pending;
    private byte _lowest = 0x80;
    private byte _highest = 0xBF;

    /// <summary>Whether a byte that cannot occur in valid UTF-8 at its position was seen since the last reset.</summary>
    public bool IsInvalid { get; private set; }

    /// <summary>Whether the bytes so far end between code points (no multi-byte sequence is incomplete).</summary>
    public bool IsAtCodePointBoundary => _pending == 0;

    /// <summary>How many bytes were appended since the last reset, up to and including the first invalid one.</summary>
    public long BytesValidated { get; private set; }

    /// <summary>Checks the next piece of the message.</summary>
    /// <param name="bytes">The next bytes, in order.</param>
    /// <returns>
    /// True when the bytes so far are valid UTF-8 or a prefix of it; false from the first byte that makes that
    /// impossible (then <see cref="BytesValidated"/> counts up to and including that byte, and every later call returns false).
    /// </returns>
    public bool Append(ReadOnlySpan<byte> bytes)
    {
        if (IsInvalid)
        {
            return false;
        }

        int i = 0;
        while (i < bytes.Length)
        {
            if (_pending == 0)
            {
                // Fast path: skip the ASCII run up to the next lead byte.
                int nonAscii = bytes[i..].IndexOfAnyExceptInRange((byte)0x00, (byte)0x7F);
                if (nonAscii < 0)
                {
                    break;
                }

                i += nonAscii;
                if (!StartSequence(bytes[i]))
                {
                    return Fail(i);
                }
            }
            else
            {
                byte b = bytes[i];
                if (b < _lowest || b > _highest)
                {
                    return Fail(i);
                }

                _lowest = 0x80;
                _highest = 0xBF;
                _pending--;
            }

            i++;
        }

        BytesValidated += bytes.Length;
        return true;
    }

    /// <summary>Reports the end of the message: the bytes must end between code points. Then resets.</summary>
    /// <returns>True when the whole message was valid UTF-8; false when a byte was invalid or a sequence is incomplete.</returns>
    public bool Complete()
    {
        bool valid = !IsInvalid && _pending == 0;
        Reset();
        return valid;
    }

    /// <summary>Forgets everything seen, ready for a new message.</summary>
    public void Reset()
    {
        _pending = 0;
        _lowest = 0x80;
        _highest = 0xBF;
        IsInvalid = false;
        BytesValidated = 0;
    }

    /// <summary>Validates a whole message in one call.</summary>
    /// <param name="bytes">The complete message.</param>
    /// <returns>True when <paramref name="bytes"/> is valid UTF-8.</returns>
    public static bool IsValid(ReadOnlySpan<byte> bytes)
    {
        var validator = new Utf8Validator();
        return validator.Append(bytes) && validator.Complete();
    }

    private bool StartSequence(byte lead)
    {
        // RFC 3629 §4: the lead byte fixes the sequence length and the range of the second byte.
        switch (lead)
        {
            case >= 0xC2 and <= 0xDF:
                _pending = 1;
                return true;
            case 0xE0:
                _pending = 2;
                _lowest = 0xA0; // below A0 the code point fits in two bytes: overlong
                return true;
            case 0xED:
                _pending = 2;
                _highest = 0x9F; // A0–BF encode the surrogates U+D800–U+DFFF
                return true;
            case >= 0xE1 and <= 0xEF:
                _pending = 2;
                return true;
            case 0xF0:
                _pending = 3;
                _lowest = 0x90; // below 90 the code point fits in three bytes: overlong
                return true;
            case >= 0xF1 and <= 0xF3:
                _pending = 3;
                return true;
            case 0xF4:
                _pending = 3;
                _highest = 0x8F; // 90 and above encode code points beyond U+10FFFF
                return true;
            default:
                // 80–BF (a continuation byte with no lead), C0–C1 (always overlong), F5–FF (beyond U+10FFFF).
                return false;
        }
    }

    private bool Fail(int index)
    {
        IsInvalid = true;
        BytesValidated += index + 1;
        return false;
    }
}
