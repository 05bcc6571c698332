using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Domain.Funds;
using OkCow.Domain.Investors;

namespace OkCow.Application.Sagas;

/// <summary>Royalty payout: the fund decided each holder's share from its register → each holder is credited.</summary>
public sealed class RoyaltySaga(InvestorHandler investors, TimeProvider clock) : IEventHandler
{
    public string Name => "saga:royalty";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is not FundEvent.RoyaltyDistributed distributed)
        {
            return;
        }

        var context = SagaStep.ContextFor(envelope, "royalty");
        foreach (var share in distributed.Shares.Where(s => s.Amount > 0))
        {
            await investors.HandleAsync(
                Streams.Investor(share.InvestorId),
                new InvestorCommand.CreditRoyalty(share.InvestorId, distributed.RoyaltyId, distributed.FundId, share.Amount, clock.GetUtcNow()),
                context,
                cancellationToken).ConfigureAwait(false);
        }
    }
}
