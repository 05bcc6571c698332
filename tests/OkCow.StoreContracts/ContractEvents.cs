using System.Text.Json;
using OkCow.Application.EventStore;

namespace OkCow.StoreContracts;

/// <summary>Builders for the events and stream ids the contract tests use.</summary>
public static class ContractEvents
{
    public const string Type = "V1.ContractTested";

    /// <summary>A stream id no other test (or earlier run against a shared database) uses.</summary>
    public static string NewStreamId(string prefix = "contract") => $"{prefix}-{Guid.NewGuid():N}";

    public static NewEvent Create(int number, DateTimeOffset? timestamp = null, string? writer = null) =>
        new(
            Guid.NewGuid(),
            Type,
            JsonSerializer.SerializeToElement(new { number, writer }),
            timestamp ?? DateTimeOffset.UtcNow,
            new EventMetadata($"correlation-{number}", $"cause-{number}", writer ?? "contract-tests"));

    public static IReadOnlyList<NewEvent> Many(int count, int firstNumber = 1, string? writer = null) =>
        [.. Enumerable.Range(firstNumber, count).Select(number => Create(number, writer: writer))];

    public static int NumberOf(StoredEvent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Data.GetProperty("number").GetInt32();
    }
}
