using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Domain.Funds;
using OkCow.Domain.Investors;

namespace OkCow.Application.Sagas;

/// <summary>
/// Redemption: investor locked the units → the fund pays out at net assets per unit (or refuses, e.g. FUND_ILLIQUID)
/// → the investor settles (or gets the units unlocked).
/// </summary>
public sealed class RedemptionSaga(InvestorHandler investors, FundHandler funds, Lookups lookups, TimeProvider clock) : IEventHandler
{
    public string Name => "saga:redemption";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var context = SagaStep.ContextFor(envelope, "redemption");
        switch (envelope.Event)
        {
            case InvestorEvent.RedemptionRequested requested:
                var index = await lookups.McpiAsync(cancellationToken).ConfigureAwait(false);
                await funds.HandleStepAsync(
                    Streams.Fund(requested.FundId),
                    new FundCommand.RedeemUnits(requested.FundId, requested.RedemptionId, requested.InvestorId, requested.Units, index.Current, clock.GetUtcNow()),
                    SagaStep.StepId(requested.RedemptionId, "fund"),
                    context,
                    cancellationToken).ConfigureAwait(false);
                break;
            case FundEvent.UnitsRedeemed redeemed:
                await investors.HandleAsync(
                    Streams.Investor(redeemed.InvestorId),
                    new InvestorCommand.SettleRedemption(redeemed.InvestorId, redeemed.RedemptionId, redeemed.Proceeds, clock.GetUtcNow()),
                    context,
                    cancellationToken).ConfigureAwait(false);
                break;
            case FundEvent.RedemptionRefused refused:
                await investors.HandleAsync(
                    Streams.Investor(refused.InvestorId),
                    new InvestorCommand.ReleaseRedemption(refused.InvestorId, refused.RedemptionId, refused.Code, clock.GetUtcNow()),
                    context,
                    cancellationToken).ConfigureAwait(false);
                break;
        }
    }
}
