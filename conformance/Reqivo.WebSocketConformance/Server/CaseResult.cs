namespace Reqivo.WebSocketConformance.Server;

/// <summary>What one run of one case produced: the verdicts and the behaviour observed.</summary>
internal sealed record CaseResult
{
    public required string Id { get; init; }

    public required int Index { get; init; }

    public required string Agent { get; init; }

    public required string Behavior { get; init; }

    public required string BehaviorClose { get; init; }

    public required string Result { get; init; }

    public required string ResultClose { get; init; }

    public required string Description { get; init; }

    public required string Expectation { get; init; }

    public required Dictionary<string, List<string>> Expected { get; init; }

    public required List<string> Received { get; init; }

    public required long DurationMs { get; init; }

    public required bool ClosedByMe { get; init; }

    public required bool FailedByMe { get; init; }

    public required bool DroppedByMe { get; init; }

    public required bool WasClean { get; init; }

    public string? WasNotCleanReason { get; init; }

    public required bool WasCloseHandshakeTimeout { get; init; }

    public int? LocalCloseCode { get; init; }

    public int? RemoteCloseCode { get; init; }

    public string? RemoteCloseReason { get; init; }

    public required int[] ExpectedCloseCodes { get; init; }

    public string? Extensions { get; init; }

    public required string HttpRequest { get; init; }
}
