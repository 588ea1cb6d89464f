namespace Reqivo.WebSocketConformance.Protocol;

/// <summary>
/// Incremental UTF-8 validation (RFC 3629 §4): fails on the first byte that cannot continue a valid sequence, so the
/// fuzzer can tell "fails fast" from "fails at the end" when it checks the client's echoes.
/// </summary>
internal sealed class Utf8Checker
{
    private int _needed;
    private byte _lower = 0x80;
    private byte _upper = 0xBF;

    public bool Failed { get; private set; }

    /// <summary>True when everything fed so far is valid and ends on a code point boundary.</summary>
    public bool IsComplete => !Failed && _needed == 0;

    public static bool IsValid(ReadOnlySpan<byte> bytes)
    {
        var checker = new Utf8Checker();
        return checker.Feed(bytes) && checker.IsComplete;
    }

    /// <summary>Feeds more bytes; false as soon as they cannot be (a prefix of) valid UTF-8.</summary>
    public bool Feed(ReadOnlySpan<byte> bytes)
    {
        if (Failed)
        {
            return false;
        }

        foreach (byte b in bytes)
        {
            if (_needed == 0)
            {
                if (b <= 0x7F)
                {
                    continue;
                }

                if (b is >= 0xC2 and <= 0xDF)
                {
                    _needed = 1;
                }
                else if (b is >= 0xE0 and <= 0xEF)
                {
                    _needed = 2;
                    // E0 would be overlong below A0; ED A0..BF would encode UTF-16 surrogates.
                    if (b == 0xE0)
                    {
                        _lower = 0xA0;
                    }
                    else if (b == 0xED)
                    {
                        _upper = 0x9F;
                    }
                }
                else if (b is >= 0xF0 and <= 0xF4)
                {
                    _needed = 3;
                    // F0 below 90 is overlong; F4 above 8F is beyond U+10FFFF.
                    if (b == 0xF0)
                    {
                        _lower = 0x90;
                    }
                    else if (b == 0xF4)
                    {
                        _upper = 0x8F;
                    }
                }
                else
                {
                    Failed = true;
                    return false;
                }
            }
            else
            {
                if (b < _lower || b > _upper)
                {
                    Failed = true;
                    return false;
                }

                _lower = 0x80;
                _upper = 0xBF;
                _needed--;
            }
        }

        return true;
    }
}
