using OkCow.Application.Projections;
using OkCow.Domain.Investors;

namespace OkCow.Application.ReadModels.Statuses;

/// <summary>The status words clients see.</summary>
public static class StatusValues
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Rejected = "rejected";
    public const string Open = "open";
    public const string PartiallyFilled = "partiallyFilled";
    public const string Filled = "filled";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// statuses / {subscriptionId} / {subscriptionId}. Holds facts, not a status: events come from the investor's and the
/// fund's streams in no relative order, and the status derived from the facts is the same for every arrival order.
/// </summary>
public sealed record SubscriptionStatusView(
    Guid SubscriptionId,
    Guid? InvestorId,
    Guid? FundId,
    long? Amount,
    DateTimeOffset? RequestedAt,
    bool Settled,
    long? Units,
    long? Cost,
    decimal? Nav,
    string? ReleasedCode,
    string? RefusedCode,
    DateTimeOffset? UpdatedAt) : ProjectedView
{
    public const string DocumentKind = "subscription";

    /// <summary>Tells the three kinds of status document in the one container apart.</summary>
    public string Kind { get; init; } = DocumentKind;

    public static SubscriptionStatusView Empty(Guid id) => new(id, null, null, null, null, false, null, null, null, null, null, null);
}

/// <summary>statuses / {redemptionId} / {redemptionId}: facts of a redemption, as <see cref="SubscriptionStatusView"/>.</summary>
public sealed record RedemptionStatusView(
    Guid RedemptionId,
    Guid? InvestorId,
    Guid? FundId,
    long? Units,
    DateTimeOffset? RequestedAt,
    bool Settled,
    long? Proceeds,
    decimal? Nav,
    string? ReleasedCode,
    string? RefusedCode,
    DateTimeOffset? UpdatedAt) : ProjectedView
{
    public const string DocumentKind = "redemption";

    public string Kind { get; init; } = DocumentKind;

    public static RedemptionStatusView Empty(Guid id) => new(id, null, null, null, null, false, null, null, null, null, null);
}

/// <summary>
/// statuses / {orderId} / {orderId}: facts of an order from the investor's stream (placed, released) and the book's
/// (accepted, trades, cancelled, rejected). Filled quantity is a sum, the rest are flags, so any order of arrival agrees.
/// </summary>
public sealed record OrderStatusView(
    Guid OrderId,
    Guid? InvestorId,
    Guid? FundId,
    OrderSide? Side,
    long? Price,
    long? Quantity,
    DateTimeOffset? PlacedAt,
    bool Placed,
    bool Accepted,
    long FilledQuantity,
    bool FilledInBook,
    bool Cancelled,
    string? RejectedCode,
    string? ReleasedReason,
    DateTimeOffset? UpdatedAt) : ProjectedView
{
    public const string DocumentKind = "order";

    public string Kind { get; init; } = DocumentKind;

    public static OrderStatusView Empty(Guid id) => new(id, null, null, null, null, null, null, false, false, 0, false, false, null, null, null);
}

/// <summary>
/// statuses / {royaltyId} / {royaltyId}: a royalty's payout, all from the fund stream (so in order): holders paid out of
/// holders of record, what they were paid, and the remainder once it completes.
/// </summary>
public sealed record RoyaltyStatusView(
    Guid RoyaltyId,
    Guid? FundId,
    long? Amount,
    long? HoldersOfRecord,
    long HoldersPaid,
    long Paid,
    long? Retained,
    bool Completed,
    DateTimeOffset? RecordedAt,
    DateTimeOffset? UpdatedAt) : ProjectedView
{
    public const string DocumentKind = "royalty";

    public string Kind { get; init; } = DocumentKind;

    public static RoyaltyStatusView Empty(Guid id) => new(id, null, null, null, 0, 0, null, false, null, null);
}
