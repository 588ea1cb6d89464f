namespace Reqivo.WebSocketConformance.Server;

/// <summary>Command-line settings of the fuzzing server.</summary>
internal sealed record ServerOptions
{
    public int Port { get; init; } = 9001;

    public string ReportDirectory { get; init; } = "artifacts/ws-conformance";

    public string CasesPattern { get; init; } = "*";

    public string ExcludePattern { get; init; } = string.Empty;

    /// <summary>Exit after the first /updateReports (for scripted runs).</summary>
    public bool ExitAfterReport { get; init; }

    /// <summary>Upper bound on the message sizes of groups 9, 12 and 13 (their full sizes take minutes).</summary>
    public int MaxCaseMessageSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Messages per 9.7/9.8/12.x/13.x case (Autobahn: 1000).</summary>
    public int MessageCount { get; init; } = 1000;

    /// <summary>Largest message the fuzzer accepts from a client.</summary>
    public long MaxIncomingMessageSize { get; init; } = 64L * 1024 * 1024;

    public string? CataloguePath { get; init; }
}
