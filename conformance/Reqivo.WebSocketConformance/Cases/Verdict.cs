namespace Reqivo.WebSocketConformance.Cases;

/// <summary>The verdict names Autobahn|Testsuite uses for a case and for its closing behaviour.</summary>
internal static class Verdict
{
    public const string Ok = "OK";
    public const string NonStrict = "NON-STRICT";
    public const string Failed = "FAILED";
    public const string Informational = "INFORMATIONAL";
    public const string Unimplemented = "UNIMPLEMENTED";
    public const string WrongCode = "WRONG CODE";
    public const string Unclean = "UNCLEAN";

    public static readonly string[] All = [Ok, NonStrict, Failed, Informational, Unimplemented];
}

/// <summary>How the case expects the connection to end.</summary>
internal sealed record ExpectedClose(bool ClosedByMe, int[] CloseCodes, bool RequireClean, bool ClosedByWrongEndpointIsFatal = false);
