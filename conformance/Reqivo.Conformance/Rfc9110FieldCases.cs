using System;
using System.Collections.Generic;
using Reqivo.Protocol;

namespace Reqivo.Conformance;

/// <summary>RFC 9110 §5: field names and values, as the header collection enforces them.</summary>
internal static class FieldCases
{
    public static IEnumerable<ConformanceCase> All()
    {
        yield return new("9110-5.1-case-insensitive", "9110", "5.1", RequirementLevel.Must,
            "Field names are compared case-insensitively",
            () =>
            {
                var headers = new HttpHeaders();
                headers.Add("Content-Type", "text/plain");
                Expect.True(headers.TryGetValue("content-TYPE", out string? value) && value == "text/plain", "lookup ignoring case");
            });

        yield return new("9110-5.1-name-token", "9110", "5.1", RequirementLevel.Must,
            "A field name is a token: a name with a space or colon is refused",
            () =>
            {
                Expect.Throws<ArgumentException>(() => new HttpHeaders().Add("Bad Name", "x"), "space in name");
                Expect.Throws<ArgumentException>(() => new HttpHeaders().Add("Bad:Name", "x"), "colon in name");
            });

        yield return new("9110-5.5-no-crlf-nul", "9110", "5.5", RequirementLevel.Must,
            "Field values with CR, LF or NUL are refused before any byte is produced",
            () =>
            {
                foreach (string value in new[] { "a\rb", "a\nb", "a\0b" })
                {
                    Expect.Throws<ArgumentException>(() => new HttpHeaders().Add("X-Test", value), "control in value");
                }
            });

        yield return new("9110-5.3-order-kept", "9110", "5.3", RequirementLevel.Must,
            "The order of field lines with the same name is preserved",
            () =>
            {
                var headers = new HttpHeaders();
                headers.Add("Set-Cookie", "a=1");
                headers.Add("Set-Cookie", "b=2");
                var values = headers.GetValues("set-cookie");
                Expect.Equal(2, values.Count, "number of Set-Cookie lines");
                Expect.Equal("a=1", values[0], "first Set-Cookie");
                Expect.Equal("b=2", values[1], "second Set-Cookie");
            });
    }
}
