using OkCow.Domain.Funds;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Investors.InvestorEvent;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Application.ReadModels.Statuses;

/// <summary>Pure fact recording and the status derived from the facts.</summary>
public static class StatusProjection
{
    /// <summary>The reason the investor's stream records when it releases an order after a cancel or a full fill.</summary>
    public const string CancelledReason = "cancelled";
    public const string FilledReason = "filled";

    public static SubscriptionStatusView Apply(SubscriptionStatusView view, object @event) => @event switch
    {
        SubscriptionRequested e => Touch(view with { InvestorId = e.InvestorId, FundId = e.FundId, Amount = e.Amount, RequestedAt = e.At }, e.At),
        SubscriptionSettled e => Touch(view with { InvestorId = e.InvestorId, FundId = e.FundId, Amount = e.Amount, Settled = true, Units = e.Units, Cost = e.Cost }, e.At),
        SubscriptionReleased e => Touch(view with { InvestorId = e.InvestorId, FundId = e.FundId, Amount = e.Amount, ReleasedCode = e.Code }, e.At),
        UnitsIssued e => Touch(view with { InvestorId = e.InvestorId, FundId = e.FundId, Amount = e.Amount, Units = e.Units, Cost = e.Cost, Nav = e.Nav }, e.At),
        SubscriptionRefused e => Touch(view with { InvestorId = e.InvestorId, FundId = e.FundId, Amount = e.Amount, RefusedCode = e.Code, Nav = e.Nav }, e.At),
        _ => view,
    };

    public static RedemptionStatusView Apply(RedemptionStatusView view, object @event) => @event switch
    {
        RedemptionRequested e => Touch(view with { InvestorId = e.InvestorId, FundId = e.FundId, Units = e.Units, RequestedAt = e.At }, e.At),
        RedemptionSettled e => Touch(view with { InvestorId = e.InvestorId, FundId = e.FundId, Units = e.Units, Settled = true, Proceeds = e.Proceeds }, e.At),
        RedemptionReleased e => Touch(view with { InvestorId = e.InvestorId, FundId = e.FundId, Units = e.Units, ReleasedCode = e.Code }, e.At),
        UnitsRedeemed e => Touch(view with
        {
            InvestorId = e.InvestorId,
            FundId = e.FundId,
            Units = e.Units,
            Proceeds = e.Proceeds,
            Nav = e.UnitsOutstandingBefore == 0 ? null : (decimal)e.NetAssets / e.UnitsOutstandingBefore,
        }, e.At),
        RedemptionRefused e => Touch(view with { InvestorId = e.InvestorId, FundId = e.FundId, Units = e.Units, RefusedCode = e.Code }, e.At),
        _ => view,
    };

    /// <summary>A trade touches two orders; <paramref name="view"/> is the one of them it is applied to.</summary>
    public static OrderStatusView Apply(OrderStatusView view, object @event) => @event switch
    {
        OrderPlaced e => Touch(Describe(view, e.InvestorId, e.FundId, e.Side, e.Price, e.Quantity) with { Placed = true, PlacedAt = e.At }, e.At),
        OrderAccepted e => Touch(Describe(view, e.InvestorId, e.FundId, e.Side, e.Price, e.Quantity) with { Accepted = true }, e.At),
        TradeExecuted e when e.BuyOrderId == view.OrderId => Touch(Traded(view, e.Quantity, e.BuyOrderFilled) with { InvestorId = e.BuyerId, FundId = e.FundId }, e.At),
        TradeExecuted e when e.SellOrderId == view.OrderId => Touch(Traded(view, e.Quantity, e.SellOrderFilled) with { InvestorId = e.SellerId, FundId = e.FundId }, e.At),
        OrderCancelled e => Touch(view with { InvestorId = e.InvestorId, FundId = e.FundId, Side = e.Side, Cancelled = true }, e.At),
        OrderRejected e => Touch(view with { InvestorId = e.InvestorId, FundId = e.FundId, RejectedCode = e.Code }, e.At),
        OrderReleased e => Touch(view with { InvestorId = e.InvestorId, FundId = e.FundId, ReleasedReason = e.Reason }, e.At),
        _ => view,
    };

    /// <summary>Every event of a royalty comes from its fund's stream in order, so the page sums count each page once.</summary>
    public static RoyaltyStatusView Apply(RoyaltyStatusView view, object @event) => @event switch
    {
        RoyaltyRecorded e => view with
        {
            FundId = e.FundId,
            Amount = e.Amount,
            HoldersOfRecord = e.UnitsOutstanding == 0 ? 0 : view.HoldersOfRecord,
            RecordedAt = e.At,
            UpdatedAt = e.At,
        },
        RoyaltyPagePaid e => view with
        {
            HoldersOfRecord = e.HoldersOfRecord,
            HoldersPaid = view.HoldersPaid + e.Holders,
            Paid = view.Paid + e.Paid,
            UpdatedAt = e.At,
        },
        RoyaltyCompleted e => view with { HoldersPaid = e.HoldersPaid, Paid = e.Paid, Retained = e.Retained, Completed = true, UpdatedAt = e.At },
        RoyaltyDistributed e => view with
        {
            FundId = e.FundId,
            Amount = e.Amount,
            HoldersOfRecord = e.Shares.Count,
            HoldersPaid = e.Shares.Count,
            Paid = e.Amount - e.Retained,
            Retained = e.Retained,
            Completed = true,
            RecordedAt = e.At,
            UpdatedAt = e.At,
        },
        _ => view,
    };

    /// <summary>The saga outcome: completed once the investor's stream settled, rejected once it released.</summary>
    public static (string Status, string? Code) StatusOf(SubscriptionStatusView view) => view switch
    {
        { Settled: true } => (StatusValues.Completed, null),
        { ReleasedCode: { } code } => (StatusValues.Rejected, code),
        _ => (StatusValues.Pending, null),
    };

    public static (string Status, string? Code) StatusOf(RedemptionStatusView view) => view switch
    {
        { Settled: true } => (StatusValues.Completed, null),
        { ReleasedCode: { } code } => (StatusValues.Rejected, code),
        _ => (StatusValues.Pending, null),
    };

    /// <summary>
    /// The book's facts win over the investor's: it decides rejections, cancels and fills. The investor's release
    /// reason only speaks when the book's events have not been seen yet.
    /// </summary>
    public static (string Status, string? Code) StatusOf(OrderStatusView view) => view switch
    {
        { RejectedCode: { } code } => (StatusValues.Rejected, code),
        { Cancelled: true } => (StatusValues.Cancelled, null),
        { FilledInBook: true } => (StatusValues.Filled, null),
        { Quantity: { } quantity } when view.FilledQuantity >= quantity => (StatusValues.Filled, null),
        { ReleasedReason: CancelledReason } => (StatusValues.Cancelled, null),
        { ReleasedReason: FilledReason } => (StatusValues.Filled, null),
        { ReleasedReason: { } reason } => (StatusValues.Rejected, reason),
        { FilledQuantity: > 0 } => (StatusValues.PartiallyFilled, null),
        { Accepted: true } => (StatusValues.Open, null),
        _ => (StatusValues.Pending, null),
    };

    /// <summary>What is still waiting in the book: nothing once the order is done (filled, cancelled or rejected).</summary>
    public static long RemainingQuantityOf(OrderStatusView view) =>
        StatusOf(view).Status is StatusValues.Open or StatusValues.PartiallyFilled or StatusValues.Pending
            ? Math.Max((view.Quantity ?? 0) - view.FilledQuantity, 0)
            : 0;

    private static OrderStatusView Describe(OrderStatusView view, Guid investorId, Guid fundId, OrderSide side, long price, long quantity) =>
        view with { InvestorId = investorId, FundId = fundId, Side = side, Price = price, Quantity = quantity };

    private static OrderStatusView Traded(OrderStatusView view, long quantity, bool filled) =>
        view with { FilledQuantity = view.FilledQuantity + quantity, FilledInBook = view.FilledInBook || filled };

    /// <summary>The latest moment anything happened to it: a maximum, so arrival order does not matter.</summary>
    private static SubscriptionStatusView Touch(SubscriptionStatusView view, DateTimeOffset at) => view with { UpdatedAt = Later(view.UpdatedAt, at) };

    private static RedemptionStatusView Touch(RedemptionStatusView view, DateTimeOffset at) => view with { UpdatedAt = Later(view.UpdatedAt, at) };

    private static OrderStatusView Touch(OrderStatusView view, DateTimeOffset at) => view with { UpdatedAt = Later(view.UpdatedAt, at) };

    private static DateTimeOffset Later(DateTimeOffset? current, DateTimeOffset at) => current is { } seen && seen > at ? seen : at;
}
