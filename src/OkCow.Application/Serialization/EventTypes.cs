using System.Text.Json;
using OkCow.Application.EventStore;
using OkCow.Domain.Funds;
using OkCow.Domain.Index;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using OkCow.Domain.Registry;

namespace OkCow.Application.Serialization;

/// <summary>
/// The one place where stored event type names are mapped to domain types. Names are explicit and versioned
/// ("V1.UnitsIssued"), never derived from CLR names, so renaming a record cannot orphan stored events. Older
/// versions are upcast to the current shape on read.
/// </summary>
public sealed class EventTypes
{
    private readonly Dictionary<string, Type> _byName = [];
    private readonly Dictionary<Type, string> _byType = [];
    private readonly Dictionary<string, Upcaster> _upcasters = [];

    /// <summary>Turns the stored data of an old version into the data of a newer one.</summary>
    public delegate (string Type, JsonElement Data) Upcaster(JsonElement data);

    /// <summary>
    /// A registration written before personal fields were sealed: same shape, name and login id in clear. Read as
    /// V2 (whose fields are opaque to the domain); the personal-data upgrade rewrites each one sealed.
    /// </summary>
    public const string LegacyInvestorRegistered = "V1.InvestorRegistered";

    public static EventTypes Default { get; } = CreateDefault();

    public EventTypes Map<TEvent>(string storedName)
    {
        if (!_byName.TryAdd(storedName, typeof(TEvent)) || !_byType.TryAdd(typeof(TEvent), storedName))
        {
            throw new InvalidOperationException($"Event type name '{storedName}' or type {typeof(TEvent).Name} is mapped twice.");
        }

        return this;
    }

    /// <summary>Registers how a retired stored name is read: its data is upcast to a currently mapped name.</summary>
    public EventTypes Upcast(string retiredName, Upcaster upcaster)
    {
        if (_byName.ContainsKey(retiredName) || !_upcasters.TryAdd(retiredName, upcaster))
        {
            throw new InvalidOperationException($"Event type name '{retiredName}' is already mapped.");
        }

        return this;
    }

    public string NameOf(object @event) =>
        _byType.TryGetValue(@event.GetType(), out var name)
            ? name
            : throw new InvalidOperationException($"Event type {@event.GetType().FullName} has no stored name.");

    public bool IsKnown(string storedName) => _byName.ContainsKey(storedName) || _upcasters.ContainsKey(storedName);

    public NewEvent ToNewEvent(object @event, Guid eventId, DateTimeOffset timestamp, EventMetadata metadata) =>
        new(eventId, NameOf(@event), JsonSerializer.SerializeToElement(@event, @event.GetType(), Json.Options), timestamp, metadata);

    /// <summary>
    /// The events one command decided, ready to append: a saga step's first event carries the step id as its event id,
    /// checked by the store (<see cref="NewEvent.IsStepKey"/>), so a step delivered again is recognised; the others get
    /// fresh ids.
    /// </summary>
    public IReadOnlyList<NewEvent> ToNewEvents(IEnumerable<object> events, Guid? stepId, DateTimeOffset timestamp, EventMetadata metadata) =>
        events
            .Select((e, i) => i == 0 && stepId is { } step
                ? ToNewEvent(e, step, timestamp, metadata) with { IsStepKey = true }
                : ToNewEvent(e, Guid.NewGuid(), timestamp, metadata))
            .ToList();

    /// <summary>The domain event a stored event holds, upcast to the current version.</summary>
    public object Deserialize(StoredEvent stored)
    {
        var (name, data) = (stored.Type, stored.Data);
        for (var hops = 0; _upcasters.TryGetValue(name, out var upcast); hops++)
        {
            if (hops > 16)
            {
                throw new InvalidOperationException($"Upcasting '{stored.Type}' does not terminate.");
            }

            (name, data) = upcast(data);
        }

        if (!_byName.TryGetValue(name, out var type))
        {
            throw new UnknownEventTypeException(stored.StreamId, stored.Version, stored.Type);
        }

        return data.Deserialize(type, Json.Options)
            ?? throw new JsonException($"Event {stored.StreamId}@{stored.Version} has no data.");
    }

    private static EventTypes CreateDefault() => new EventTypes()
        .Map<InvestorEvent.InvestorRegistered>("V2.InvestorRegistered")
        .Upcast(LegacyInvestorRegistered, data => ("V2.InvestorRegistered", data))
        .Map<InvestorEvent.InvestorErased>("V1.InvestorErased")
        .Map<InvestorEvent.PasswordRehashed>("V1.PasswordRehashed")
        .Map<InvestorEvent.CashDeposited>("V1.CashDeposited")
        .Map<InvestorEvent.CashWithdrawn>("V1.CashWithdrawn")
        .Map<InvestorEvent.SubscriptionRequested>("V1.SubscriptionRequested")
        .Map<InvestorEvent.SubscriptionSettled>("V1.SubscriptionSettled")
        .Map<InvestorEvent.SubscriptionReleased>("V1.SubscriptionReleased")
        .Map<InvestorEvent.RedemptionRequested>("V1.RedemptionRequested")
        .Map<InvestorEvent.RedemptionSettled>("V1.RedemptionSettled")
        .Map<InvestorEvent.RedemptionReleased>("V1.RedemptionReleased")
        .Map<InvestorEvent.OrderPlaced>("V1.OrderPlaced")
        .Map<InvestorEvent.BuyOrderFilled>("V1.BuyOrderFilled")
        .Map<InvestorEvent.SellOrderFilled>("V1.SellOrderFilled")
        .Map<InvestorEvent.OrderReleased>("V1.OrderReleased")
        .Map<InvestorEvent.RoyaltyCredited>("V1.RoyaltyCredited")
        .Map<FundEvent.FundCreated>("V1.FundCreated")
        .Map<FundEvent.PropertyAcquired>("V1.PropertyAcquired")
        .Map<FundEvent.UnitsIssued>("V1.UnitsIssued")
        .Map<FundEvent.SubscriptionRefused>("V1.SubscriptionRefused")
        .Map<FundEvent.UnitsRedeemed>("V1.UnitsRedeemed")
        .Map<FundEvent.RedemptionRefused>("V1.RedemptionRefused")
        .Map<FundEvent.RoyaltyDistributed>("V1.RoyaltyDistributed")
        .Map<FundEvent.UnitsTransferred>("V1.UnitsTransferred")
        .Map<FundEvent.RoyaltyRecorded>("V2.RoyaltyRecorded")
        .Map<FundEvent.RoyaltyPagePaid>("V2.RoyaltyPagePaid")
        .Map<FundEvent.RoyaltyCompleted>("V2.RoyaltyCompleted")
        .Map<OrderBookEvent.OrderAccepted>("V1.OrderAccepted")
        .Map<OrderBookEvent.OrderRejected>("V1.OrderRejected")
        .Map<OrderBookEvent.TradeExecuted>("V1.TradeExecuted")
        .Map<OrderBookEvent.OrderCancelled>("V1.OrderCancelled")
        .Map<OrderBookEvent.MatchingContinues>("V2.MatchingContinues")
        .Map<McpiEvent.McpiPublished>("V1.McpiPublished")
        .Map<McpiEvent.MarketsHalted>("V1.MarketsHalted")
        .Map<ClaimEvent.KeyClaimed>("V1.KeyClaimed")
        .Map<ClaimEvent.KeyReleased>("V1.KeyReleased");
}

public sealed class UnknownEventTypeException(string streamId, long version, string type)
    : Exception($"Event {streamId}@{version} has the unknown type '{type}'.");
