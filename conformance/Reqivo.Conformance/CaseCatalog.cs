using System;
using System.Collections.Generic;
using System.Linq;

namespace Reqivo.Conformance;

/// <summary>Every case of the suite, gathered from one class per RFC area, in report order.</summary>
internal static class CaseCatalog
{
    private static readonly Func<IEnumerable<ConformanceCase>>[] Sources =
    [
        Rfc9112MessageCases.All,
        Rfc9112StatusLineCases.All,
        Rfc9112FieldCases.All,
        Rfc9110FieldCases.All,
        Rfc9112RequestCases.All,
        Rfc9112FramingCases.All,
        Rfc9112ContentLengthCases.All,
        Rfc9112ChunkedCases.All,
        Rfc9112ConnectionCases.All,
        Rfc6455FramingCases.All,
        Rfc6455HandshakeCases.All,
        Rfc7692DeflateCases.All,
        Rfc6265CookieCases.All,
        Rfc7617BasicCases.All,
        Rfc7616DigestCases.All,
        Rfc9110RedirectCases.All,
    ];

    public static IEnumerable<ConformanceCase> All() => Sources.SelectMany(source => source());
}
