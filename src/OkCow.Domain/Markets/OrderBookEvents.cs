using OkCow.Domain.Investors;

namespace OkCow.Domain.Markets;

/// <summary>
/// Events of one fund's order book (<c>orderbook-{fundId}</c>), kept apart from the fund stream so that trading never
/// contends with subscriptions. Orders arrive here only after the investor's stream reserved their cash or units.
/// </summary>
public abstract record OrderBookEvent
{
    private OrderBookEvent()
    {
    }

    public sealed record OrderAccepted(Guid FundId, Guid OrderId, Guid InvestorId, OrderSide Side, long Price, long Quantity, decimal FeeRate, DateTimeOffset At) : OrderBookEvent;

    /// <summary>The book refused an order (the market was halted, or it was malformed); the investor's reservation is released.</summary>
    public sealed record OrderRejected(Guid FundId, Guid OrderId, Guid InvestorId, string Code, DateTimeOffset At) : OrderBookEvent;

    /// <summary>
    /// A buy and a sell at exactly the same price matched. Fees are floor(price × quantity × rate) per side, each at its
    /// order's rate. The <c>…Filled</c> flags say an order has no quantity left.
    /// </summary>
    public sealed record TradeExecuted(
        Guid FundId,
        Guid TradeId,
        long Price,
        long Quantity,
        Guid BuyOrderId,
        Guid BuyerId,
        long BuyerFee,
        bool BuyOrderFilled,
        Guid SellOrderId,
        Guid SellerId,
        long SellerFee,
        bool SellOrderFilled,
        DateTimeOffset At) : OrderBookEvent;

    /// <summary>
    /// A matching step recorded as many trades as one step may (<see cref="OrderBookDecider.MaxTradesPerStep"/>) and
    /// bids and asks still wait at <c>Price</c>: the order saga continues the fill in the next step.
    /// </summary>
    public sealed record MatchingContinues(Guid FundId, long Price, DateTimeOffset At) : OrderBookEvent;

    public sealed record OrderCancelled(Guid FundId, Guid OrderId, Guid InvestorId, OrderSide Side, long RemainingQuantity, DateTimeOffset At) : OrderBookEvent;
}
