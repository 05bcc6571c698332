namespace OkCow.Application.ChangeFeed;

/// <summary>A stream a handler stopped on: later events of that stream wait here while every other stream flows.</summary>
public sealed record ParkedStream(
    string Handler,
    string StreamId,
    long FromVersion,
    string EventType,
    string Error,
    int Attempts,
    DateTimeOffset ParkedAt,
    DateTimeOffset LastAttemptAt);
