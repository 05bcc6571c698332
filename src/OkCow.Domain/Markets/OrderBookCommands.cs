using OkCow.Domain.Investors;

namespace OkCow.Domain.Markets;

/// <summary>Commands of a fund's order book. <c>Halted</c> is the R21 state at <c>Now</c>, read before deciding.</summary>
public abstract record OrderBookCommand(Guid FundId, DateTimeOffset Now)
{
    /// <summary>
    /// An order the investor's stream already funded. <paramref name="NewTradeId"/> gives the id of the n-th trade (from 0)
    /// the order executes, since the domain makes no ids.
    /// </summary>
    public sealed record AcceptOrder(Guid FundId, Guid OrderId, Guid InvestorId, OrderSide Side, long Price, long Quantity, decimal FeeRate, bool Halted, Func<int, Guid> NewTradeId, DateTimeOffset Now) : OrderBookCommand(FundId, Now);

    public sealed record CancelOrder(Guid FundId, Guid OrderId, DateTimeOffset Now) : OrderBookCommand(FundId, Now);

    /// <summary>
    /// Goes on matching the bids and asks waiting at <paramref name="Price"/> after a step that stopped at its bound
    /// (<see cref="OrderBookEvent.MatchingContinues"/>). <paramref name="NewTradeId"/> names the n-th trade of this step.
    /// </summary>
    public sealed record ContinueMatching(Guid FundId, long Price, Func<int, Guid> NewTradeId, DateTimeOffset Now) : OrderBookCommand(FundId, Now);
}
