using OkCow.Domain.Common;
using OkCow.Domain.Funds;
using OkCow.Domain.Index;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;

namespace OkCow.Application.Commands;

/// <summary>
/// Values from outside a command's own stream, read before deciding (each one point read of a stream head) and
/// recorded on the events they shape.
/// </summary>
public sealed class Lookups(McpiHandler mcpi, FundHandler funds, OrderBookHandler books)
{
    public async Task<McpiState> McpiAsync(CancellationToken cancellationToken) =>
        (await mcpi.LoadAsync(Streams.Mcpi, cancellationToken).ConfigureAwait(false)).State;

    public async Task<FundState> ExistingFundAsync(Guid fundId, CancellationToken cancellationToken)
    {
        var (fund, _) = await funds.LoadAsync(Streams.Fund(fundId), cancellationToken).ConfigureAwait(false);
        return fund.Created ? fund : throw new DomainException(ErrorCodes.NotFound, $"Fund {fundId} does not exist.");
    }

    /// <summary>R16's band reference and R21's halt at <paramref name="now"/> for a fund's market.</summary>
    public async Task<MarketConditions> MarketAsync(Guid fundId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fund = await ExistingFundAsync(fundId, cancellationToken).ConfigureAwait(false);
        var index = await McpiAsync(cancellationToken).ConfigureAwait(false);
        var (book, _) = await books.LoadAsync(Streams.OrderBook(fundId), cancellationToken).ConfigureAwait(false);
        var reference = OrderBookDecider.ReferencePriceBefore(book, Kst.Day(now))
            ?? PriceBand.ReferenceFromNav(FundDecider.Nav(fund, index.Current));
        return new MarketConditions(reference, index.IsHalted(now));
    }
}
