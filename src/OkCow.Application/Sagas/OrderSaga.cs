using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Domain.Funds;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;

namespace OkCow.Application.Sagas;

/// <summary>
/// Orders and trades: a funded order enters its fund's book (which matches it, or rejects it during a halt); a fill
/// that stopped at a step's bound continues; every trade settles the buyer, the seller and the fund's register; a
/// cancel or rejection releases the reservation.
/// </summary>
public sealed class OrderSaga(InvestorHandler investors, FundHandler funds, OrderBookHandler books, Lookups lookups, TimeProvider clock) : IEventHandler
{
    public string Name => "saga:order";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var context = SagaStep.ContextFor(envelope, "order");
        var now = clock.GetUtcNow();
        switch (envelope.Event)
        {
            case InvestorEvent.OrderPlaced placed:
                var index = await lookups.McpiAsync(cancellationToken).ConfigureAwait(false);
                var accept = new OrderBookCommand.AcceptOrder(
                    placed.FundId,
                    placed.OrderId,
                    placed.InvestorId,
                    placed.Side,
                    placed.Price,
                    placed.Quantity,
                    placed.FeeRate,
                    index.IsHalted(now),
                    n => SagaStep.DerivedId(placed.OrderId, n),
                    now);
                await books.HandleStepAsync(Streams.OrderBook(placed.FundId), accept, SagaStep.StepId(placed.OrderId, "book"), context, cancellationToken).ConfigureAwait(false);
                break;
            case OrderBookEvent.MatchingContinues more:
                // The trigger's event id names this step and its trades, so a redelivery decides the same and is refused.
                var trigger = envelope.Stored.EventId;
                await books.HandleStepAsync(
                    Streams.OrderBook(more.FundId),
                    new OrderBookCommand.ContinueMatching(more.FundId, more.Price, n => SagaStep.DerivedId(trigger, n), now),
                    SagaStep.StepId(trigger, "continue"),
                    context,
                    cancellationToken).ConfigureAwait(false);
                break;
            case OrderBookEvent.TradeExecuted trade:
                await investors.HandleStepAsync(
                    Streams.Investor(trade.BuyerId),
                    new InvestorCommand.SettleTrade(trade.BuyerId, trade.BuyOrderId, trade.TradeId, trade.Price, trade.Quantity, trade.BuyerFee, trade.BuyOrderFilled, now),
                    SagaStep.StepId(trade.TradeId, "buyer"),
                    context,
                    cancellationToken).ConfigureAwait(false);
                await investors.HandleStepAsync(
                    Streams.Investor(trade.SellerId),
                    new InvestorCommand.SettleTrade(trade.SellerId, trade.SellOrderId, trade.TradeId, trade.Price, trade.Quantity, trade.SellerFee, trade.SellOrderFilled, now),
                    SagaStep.StepId(trade.TradeId, "seller"),
                    context,
                    cancellationToken).ConfigureAwait(false);
                await funds.HandleStepAsync(
                    Streams.Fund(trade.FundId),
                    new FundCommand.TransferUnits(trade.FundId, trade.TradeId, trade.SellerId, trade.BuyerId, trade.Quantity, trade.Price, trade.BuyerFee + trade.SellerFee, now),
                    SagaStep.StepId(trade.TradeId, "fund"),
                    context,
                    cancellationToken).ConfigureAwait(false);
                break;
            case OrderBookEvent.OrderCancelled cancelled:
                await investors.HandleAsync(
                    Streams.Investor(cancelled.InvestorId),
                    new InvestorCommand.ReleaseOrder(cancelled.InvestorId, cancelled.OrderId, "cancelled", now),
                    context,
                    cancellationToken).ConfigureAwait(false);
                break;
            case OrderBookEvent.OrderRejected rejected:
                await investors.HandleAsync(
                    Streams.Investor(rejected.InvestorId),
                    new InvestorCommand.ReleaseOrder(rejected.InvestorId, rejected.OrderId, rejected.Code, now),
                    context,
                    cancellationToken).ConfigureAwait(false);
                break;
        }
    }
}
