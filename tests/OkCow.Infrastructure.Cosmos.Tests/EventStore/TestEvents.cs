using System.Text.Json;
using OkCow.Application.EventStore;

namespace OkCow.Infrastructure.Cosmos.Tests.EventStore;

internal static class TestEvents
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(2));

    public static NewEvent Event(int amount, string? padding = null) => new(
        Guid.NewGuid(),
        "V1.CashDeposited",
        JsonSerializer.SerializeToElement(new { amount, padding }),
        Start.AddMinutes(amount),
        new EventMetadata("correlation-1", "causation-1", "alice"));

    public static IReadOnlyList<NewEvent> Events(int count) => [.. Enumerable.Range(1, count).Select(n => Event(n))];
}
