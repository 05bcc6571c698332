using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Domain.Funds;
using OkCow.Domain.Investors;

namespace OkCow.Application.Sagas;

/// <summary>
/// Subscription: investor reserved the amount → the fund issues units at NAV (or refuses) → the investor settles
/// (or gets the reservation back). Each step is idempotent in its target stream.
/// </summary>
public sealed class SubscriptionSaga(InvestorHandler investors, FundHandler funds, Lookups lookups, TimeProvider clock) : IEventHandler
{
    public string Name => "saga:subscription";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var context = SagaStep.ContextFor(envelope, "subscription");
        switch (envelope.Event)
        {
            case InvestorEvent.SubscriptionRequested requested:
                var index = await lookups.McpiAsync(cancellationToken).ConfigureAwait(false);
                await funds.HandleStepAsync(
                    Streams.Fund(requested.FundId),
                    new FundCommand.IssueUnits(requested.FundId, requested.SubscriptionId, requested.InvestorId, requested.Amount, index.Current, clock.GetUtcNow()),
                    SagaStep.StepId(requested.SubscriptionId, "fund"),
                    context,
                    cancellationToken).ConfigureAwait(false);
                break;
            case FundEvent.UnitsIssued issued:
                await investors.HandleAsync(
                    Streams.Investor(issued.InvestorId),
                    new InvestorCommand.SettleSubscription(issued.InvestorId, issued.SubscriptionId, issued.Units, issued.Cost, clock.GetUtcNow()),
                    context,
                    cancellationToken).ConfigureAwait(false);
                break;
            case FundEvent.SubscriptionRefused refused:
                await investors.HandleAsync(
                    Streams.Investor(refused.InvestorId),
                    new InvestorCommand.ReleaseSubscription(refused.InvestorId, refused.SubscriptionId, refused.Code, clock.GetUtcNow()),
                    context,
                    cancellationToken).ConfigureAwait(false);
                break;
        }
    }
}
