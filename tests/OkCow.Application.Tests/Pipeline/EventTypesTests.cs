using System.Text.Json;
using OkCow.Application.EventStore;
using OkCow.Application.Serialization;
using OkCow.Domain.Funds;
using OkCow.Domain.Investors;

namespace OkCow.Application.Tests.Pipeline;

public sealed class EventTypesTests
{
    private static readonly EventMetadata Metadata = new("c", null, "a");
    private static readonly DateTimeOffset At = new(2026, 11, 17, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GivenEveryDomainEventType_WhenLookingForItsStoredName_ThenEachHasOneVersionedName()
    {
        var eventTypes = typeof(InvestorEvent).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsNested: true } && t.BaseType is { IsAbstract: true } b && b.Name.EndsWith("Event", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(eventTypes);
        foreach (var type in eventTypes)
        {
            // Events added after the first release start at V2, so no V1 name is ever reinterpreted.
            var mapped = EventTypes.Default.IsKnown("V1." + type.Name) || EventTypes.Default.IsKnown("V2." + type.Name);
            Assert.True(mapped, $"{type.FullName} has no stored name V1.{type.Name} or V2.{type.Name}");
        }
    }

    [Fact]
    public void GivenACancelRecordedBeforeTheBookWasPaged_WhenRead_ThenItsPriceIsZeroAndANewOneKeepsItsPrice()
    {
        var old = new StoredEvent(
            "orderbook-1",
            3,
            Guid.NewGuid(),
            "V1.OrderCancelled",
            JsonDocument.Parse("""{"fundId":"7f000000-0000-0000-0000-000000000001","orderId":"0d000000-0000-0000-0000-000000000001","investorId":"c0000000-0000-0000-0000-00000000000c","side":"sell","remainingQuantity":10,"at":"2026-11-17T01:00:00+00:00"}""").RootElement,
            At,
            Metadata);
        var cancelled = new Domain.Markets.OrderBookEvent.OrderCancelled(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), OrderSide.Buy, 4, At, 12_100);

        Assert.Equal((10L, 0L), ((Domain.Markets.OrderBookEvent.OrderCancelled)EventTypes.Default.Deserialize(old)) is var read ? (read.RemainingQuantity, read.Price) : default);
        Assert.Equal(cancelled, EventTypes.Default.Deserialize(ToStored(EventTypes.Default.ToNewEvent(cancelled, Guid.NewGuid(), At, Metadata))));
    }

    [Fact]
    public void GivenAnEvent_WhenWrittenAndRead_ThenItRoundTrips()
    {
        var issued = new FundEvent.UnitsIssued(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 550_000, 50, 550_000, 11_000m, 1_100_000, 100, 11_000, At);

        var stored = ToStored(EventTypes.Default.ToNewEvent(issued, Guid.NewGuid(), At, Metadata));

        Assert.Equal("V1.UnitsIssued", stored.Type);
        Assert.Equal(issued, EventTypes.Default.Deserialize(stored));
    }

    [Fact]
    public void GivenARetiredVersion_WhenRead_ThenItIsUpcastToTheCurrentShape()
    {
        var types = new EventTypes()
            .Map<InvestorEvent.CashDeposited>("V2.CashDeposited")
            .Upcast("V1.CashDeposited", data => ("V2.CashDeposited", JsonSerializer.SerializeToElement(new
            {
                investorId = data.GetProperty("investor").GetGuid(),
                amount = data.GetProperty("won").GetInt64(),
                at = data.GetProperty("at").GetDateTimeOffset(),
            })));
        var investor = Guid.NewGuid();
        var old = JsonSerializer.SerializeToElement(new { investor, won = 1234L, at = At });

        var read = types.Deserialize(new StoredEvent("investor-x", 1, Guid.NewGuid(), "V1.CashDeposited", old, At, Metadata));

        Assert.Equal(new InvestorEvent.CashDeposited(investor, 1234, At), read);
    }

    [Fact]
    public void GivenAnUnknownStoredName_WhenRead_ThenItFailsLoudly()
    {
        var stored = new StoredEvent("s", 3, Guid.NewGuid(), "V9.Mystery", JsonSerializer.SerializeToElement(new { }), At, Metadata);

        Assert.Throws<UnknownEventTypeException>(() => EventTypes.Default.Deserialize(stored));
    }

    private static StoredEvent ToStored(NewEvent e) => new("stream", 1, e.EventId, e.Type, e.Data, e.Timestamp, e.Metadata);
}
