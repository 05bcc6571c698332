using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using OkCow.Domain.Investors;

namespace OkCow.Application.Queries;

// What the query routes answer (SPEC §4). Money and units are long, NAV and rates decimal, MCPI decimal with two
// decimals (110.00). Serialised with Json.Options, so every name is camelCase.

/// <summary>
/// A view answer (SPEC 8): <see cref="Versions"/> names the version of each source stream the answer includes, so a
/// client that wrote version N of a stream knows its write has landed once the view's version of it is N or more.
/// </summary>
public abstract record VersionedDto
{
    public IReadOnlyDictionary<string, long> Versions { get; init; } = ImmutableSortedDictionary<string, long>.Empty;
}

/// <summary>Name and login id are null once the investor is erased (<paramref name="Erased"/>).</summary>
public sealed record InvestorProfileDto(Guid InvestorId, string? Name, string? LoginId, DateTimeOffset RegisteredAt, bool Erased) : VersionedDto;

public sealed record PortfolioDto(
    Guid InvestorId,
    long AvailableCash,
    long PendingCash,
    long DepositBalance,
    long TradingValueToday,
    IReadOnlyList<HoldingDto> Holdings) : VersionedDto;

/// <summary>R22–R23 for one fund; the rates are null while nothing has been paid into the fund.</summary>
public sealed record HoldingDto(
    Guid FundId,
    string FundName,
    long Units,
    long LockedUnits,
    [property: JsonConverter(typeof(FourDecimals))] decimal Nav,
    long CurrentPrice,
    long NavValue,
    long Valuation,
    long RoyaltiesReceived,
    long TotalPaid,
    long TotalReceived,
    [property: JsonConverter(typeof(FourDecimals))] decimal? ReturnRate,
    [property: JsonConverter(typeof(FourDecimals))] decimal? MarketReturnRate);

/// <summary>Name and login id are null once the investor is erased; the row and its figures stay.</summary>
public sealed record InvestorSummaryDto(
    Guid InvestorId,
    string? Name,
    string? LoginId,
    long AvailableCash,
    long PendingCash,
    long DepositBalance,
    long TotalValuation,
    bool Erased);

/// <summary>
/// One page of any list (docs/rules.md, lists): the items, an opaque token that asks for the next page (null on the
/// last page) and whether more follow. The token is passed back as <c>continuationToken</c> with the same <c>take</c>.
/// </summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, string? ContinuationToken, bool HasMore);

public sealed record FundDto(
    Guid FundId,
    string Name,
    long BasePrice,
    DateTimeOffset CreatedAt,
    long Cash,
    long UnitsOutstanding,
    IReadOnlyList<PropertyDto> Properties,
    long NetAssets,
    [property: JsonConverter(typeof(FourDecimals))] decimal Nav,
    long CurrentPrice,
    long? LastTradePrice,
    long TradingValueToday,
    bool Halted,
    [property: JsonConverter(typeof(TwoDecimals))] decimal Mcpi) : VersionedDto;

/// <summary>A copyright property with its value at the current MCPI (R9).</summary>
public sealed record PropertyDto(
    Guid PropertyId,
    string CopyrightCode,
    string RegistrationNumber,
    string MusicId,
    long Price,
    [property: JsonConverter(typeof(TwoDecimals))] decimal McpiAtAcquisition,
    DateTimeOffset AcquiredAt,
    long Value);

public sealed record FundSummaryDto(Guid FundId, string Name, long BasePrice, DateTimeOffset CreatedAt);

/// <summary>A fund's figures as of <see cref="At"/>, rebuilt from the event log (R11).</summary>
public sealed record FundNavAtDto(Guid FundId, DateTimeOffset At, long Cash, long UnitsOutstanding, long NetAssets, [property: JsonConverter(typeof(FourDecimals))] decimal Nav, [property: JsonConverter(typeof(TwoDecimals))] decimal Mcpi);

public sealed record NavHistoryDto(Guid FundId, IReadOnlyList<NavPointDto> Points);

public sealed record NavPointDto(DateTimeOffset At, [property: JsonConverter(typeof(FourDecimals))] decimal Nav, long NetAssets, long UnitsOutstanding, long Cash, [property: JsonConverter(typeof(TwoDecimals))] decimal Mcpi);

public sealed record OrderBookDto(Guid FundId, IReadOnlyList<PriceLevelDto> Bids, IReadOnlyList<PriceLevelDto> Asks) : VersionedDto;

public sealed record PriceLevelDto(long Price, long Quantity, int OrderCount);

/// <summary>The index now; <see cref="ReferenceValue"/> is today's circuit-breaker reference (R21), null before any publication.</summary>
public sealed record McpiDto([property: JsonConverter(typeof(TwoDecimals))] decimal Value, DateTimeOffset? At, [property: JsonConverter(typeof(TwoDecimals))] decimal? ReferenceValue, bool Halted, DateTimeOffset? HaltedUntil) : VersionedDto;

public sealed record SubscriptionStatusDto(
    Guid SubscriptionId,
    string Status,
    string? Code,
    Guid? InvestorId,
    Guid? FundId,
    long? Amount,
    long? Units,
    long? Cost,
    [property: JsonConverter(typeof(FourDecimals))] decimal? Nav,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? UpdatedAt) : VersionedDto;

public sealed record RedemptionStatusDto(
    Guid RedemptionId,
    string Status,
    string? Code,
    Guid? InvestorId,
    Guid? FundId,
    long? Units,
    long? Proceeds,
    [property: JsonConverter(typeof(FourDecimals))] decimal? Nav,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? UpdatedAt) : VersionedDto;

/// <summary>A royalty's payout: pending while pages are paid, then completed with the remainder kept by the fund.</summary>
public sealed record RoyaltyStatusDto(
    Guid RoyaltyId,
    string Status,
    Guid? FundId,
    long? Amount,
    long HoldersPaid,
    long? HoldersOfRecord,
    long Paid,
    long? Retained,
    DateTimeOffset? RecordedAt,
    DateTimeOffset? UpdatedAt) : VersionedDto;

public sealed record OrderStatusDto(
    Guid OrderId,
    string Status,
    string? Code,
    Guid? InvestorId,
    Guid? FundId,
    OrderSide? Side,
    long? Price,
    long? Quantity,
    long FilledQuantity,
    long RemainingQuantity,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? UpdatedAt) : VersionedDto;

/// <summary>
/// One event of a stream for the audit route; <see cref="Data"/> never holds a password hash. <see cref="TraceParent"/>
/// is the W3C traceparent of the span that wrote it (its trace id finds the whole request in the tracing backend).
/// </summary>
public sealed record StreamEventDto(
    Guid EventId,
    string Type,
    long Version,
    DateTimeOffset Timestamp,
    string CorrelationId,
    string? CausationId,
    string Actor,
    JsonElement Data,
    string? TraceParent = null);

/// <summary>
/// R24 from the log: <see cref="Left"/> = Σ investors' deposit balances + Σ fund cash, <see cref="Right"/> = deposits −
/// withdrawals + royalty income − property purchases. Cash a saga moved in one stream but not yet in the other is
/// <see cref="InTransit"/>: <see cref="Agrees"/> means Left − InTransit = Right, <see cref="Settled"/> that nothing is in transit.
/// </summary>
public sealed record ReconciliationDto(
    long InvestorCash,
    long FundCash,
    long Left,
    long Deposits,
    long Withdrawals,
    long RoyaltyIncome,
    long PropertyPurchases,
    long Right,
    long InTransit,
    int OpenSagas,
    bool Agrees,
    bool Settled,
    long EventsRead,
    DateTimeOffset At);
