using System.Globalization;

namespace Reqivo.WebSocketConformance.Protocol;

/// <summary>One permessage-deflate offer from the client's Sec-WebSocket-Extensions (RFC 7692 §7.1).</summary>
internal sealed record DeflateOffer(
    bool ServerNoContextTakeover,
    int? ServerMaxWindowBits,
    bool ClientNoContextTakeover,
    bool ClientMaxWindowBitsOffered,
    int? ClientMaxWindowBits)
{
    /// <summary>Parses the permessage-deflate offers of an extensions header (RFC 6455 §9.1 grammar, quoted values).</summary>
    public static List<DeflateOffer> ParseAll(IEnumerable<string> headerValues)
    {
        var offers = new List<DeflateOffer>();
        foreach (string header in headerValues)
        {
            foreach (string extension in SplitOutsideQuotes(header, ','))
            {
                List<string> parts = SplitOutsideQuotes(extension, ';');
                if (parts.Count == 0 || !parts[0].Trim().Equals("permessage-deflate", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                DeflateOffer? offer = ParseParameters(parts.Skip(1));
                if (offer is not null)
                {
                    offers.Add(offer);
                }
            }
        }

        return offers;
    }

    private static DeflateOffer? ParseParameters(IEnumerable<string> parameters)
    {
        bool serverNoContext = false, clientNoContext = false, clientBitsOffered = false;
        int? serverBits = null, clientBits = null;
        foreach (string raw in parameters)
        {
            string[] nameValue = raw.Split('=', 2);
            string name = nameValue[0].Trim().ToLowerInvariant();
            string? value = nameValue.Length > 1 ? nameValue[1].Trim().Trim('"') : null;
            switch (name)
            {
                case "server_no_context_takeover":
                    serverNoContext = true;
                    break;
                case "client_no_context_takeover":
                    clientNoContext = true;
                    break;
                case "server_max_window_bits":
                    if (!TryBits(value, out int sb))
                    {
                        return null; // §7.1.2.1: an invalid value declines the offer.
                    }

                    serverBits = sb;
                    break;
                case "client_max_window_bits":
                    clientBitsOffered = true;
                    if (value is not null)
                    {
                        if (!TryBits(value, out int cb))
                        {
                            return null;
                        }

                        clientBits = cb;
                    }

                    break;
                default:
                    return null; // §7.1: unknown parameters decline the offer.
            }
        }

        return new DeflateOffer(serverNoContext, serverBits, clientNoContext, clientBitsOffered, clientBits);
    }

    private static bool TryBits(string? value, out int bits) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out bits) && bits is >= 8 and <= 15;

    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        bool quoted = false;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == separator && !quoted)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts.Where(p => p.Trim().Length > 0).ToList();
    }
}

/// <summary>What the server agreed to: the parameters in force for both directions.</summary>
internal sealed record DeflateAgreement(
    bool ServerNoContextTakeover,
    int ServerMaxWindowBits,
    bool ClientNoContextTakeover,
    int ClientMaxWindowBits,
    string ResponseHeader);

/// <summary>
/// How the fuzzer answers an offer, as Autobahn's 12.x/13.x cases do: accept as offered, or additionally ask the
/// client for no context takeover and/or a smaller client window.
/// </summary>
internal sealed record DeflateAcceptPolicy(bool RequestClientNoContextTakeover, int RequestClientMaxWindowBits)
{
    public static readonly DeflateAcceptPolicy AsOffered = new(false, 0);

    /// <summary>The agreement for an offer, or null when this policy cannot accept it.</summary>
    public DeflateAgreement? TryAccept(DeflateOffer offer)
    {
        // RFC 7692 §7.1.1.2: a server may always answer with client_no_context_takeover; §7.1.2.2: it must not send
        // client_max_window_bits unless the offer carried that parameter.
        if (RequestClientMaxWindowBits != 0 && !offer.ClientMaxWindowBitsOffered)
        {
            return null;
        }

        var header = new List<string> { "permessage-deflate" };
        if (offer.ServerNoContextTakeover)
        {
            header.Add("server_no_context_takeover");
        }

        if (offer.ServerMaxWindowBits is int serverBits)
        {
            header.Add(string.Create(CultureInfo.InvariantCulture, $"server_max_window_bits={serverBits}"));
        }

        bool clientNoContext = RequestClientNoContextTakeover || offer.ClientNoContextTakeover;
        if (RequestClientNoContextTakeover)
        {
            header.Add("client_no_context_takeover");
        }

        int clientBits = offer.ClientMaxWindowBits ?? 15;
        if (RequestClientMaxWindowBits != 0)
        {
            clientBits = Math.Min(clientBits, RequestClientMaxWindowBits);
            header.Add(string.Create(CultureInfo.InvariantCulture, $"client_max_window_bits={clientBits}"));
        }

        return new DeflateAgreement(offer.ServerNoContextTakeover, offer.ServerMaxWindowBits ?? 15, clientNoContext, clientBits, string.Join("; ", header));
    }
}
