namespace Reqivo.Interop.Tests.Infrastructure;

internal static class ResponseFields
{
    /// <summary>The value of a header field, or null when the response has none of that name.</summary>
    public static string? Field(this Response response, string name) =>
        response.Headers.TryGetValue(name, out string? value) ? value : null;
}
