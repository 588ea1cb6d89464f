using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Reqivo.Transport;

/// <summary>Orders resolved addresses for connection attempts.</summary>
internal static class AddressOrdering
{
    /// <summary>
    /// RFC 8305 §4: alternate address families, starting with the family of the resolver's first answer and
    /// keeping the resolver's order within each family, so one broken family cannot delay the other for long.
    /// </summary>
    public static IPAddress[] Interleave(IPAddress[] addresses)
    {
        if (addresses.Length < 2)
        {
            return addresses;
        }

        AddressFamily firstFamily = addresses[0].AddressFamily;
        var preferred = new List<IPAddress>(addresses.Length);
        var other = new List<IPAddress>(addresses.Length);
        foreach (IPAddress address in addresses)
        {
            (address.AddressFamily == firstFamily ? preferred : other).Add(address);
        }

        var ordered = new IPAddress[addresses.Length];
        int next = 0;
        for (int i = 0; next < ordered.Length; i++)
        {
            if (i < preferred.Count)
            {
                ordered[next++] = preferred[i];
            }

            if (i < other.Count)
            {
                ordered[next++] = other[i];
            }
        }

        return ordered;
    }
}
