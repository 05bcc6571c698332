using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.ReadModels.Register;
using OkCow.Domain.Funds;
using OkCow.Domain.Investors;

namespace OkCow.Application.Sagas;

/// <summary>
/// Royalty payout in pages (R14 amended): the fund recorded the royalty with its record version → for each page of the
/// register, every holder of record gets floor(R × units of record / outstanding) and the fund records the page → the
/// next page follows from that event, and the last one completes the royalty, retaining the remainder. Each credit and
/// each page is a step the store recognises when repeated, so a payout restarts at any page and pays nobody twice.
/// </summary>
public sealed class RoyaltySaga(InvestorHandler investors, FundHandler funds, IDocumentStore documents, TimeProvider clock) : IEventHandler
{
    public string Name => "saga:royalty";

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken) => envelope.Event switch
    {
        FundEvent.RoyaltyRecorded { UnitsOutstanding: > 0 } recorded => PayPageAsync(envelope, recorded.FundId, recorded.RoyaltyId, 0, cancellationToken),
        FundEvent.RoyaltyPagePaid paid => PayPageAsync(envelope, paid.FundId, paid.RoyaltyId, paid.Page + 1, cancellationToken),
        FundEvent.RoyaltyDistributed distributed => CreditListedSharesAsync(envelope, distributed, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task PayPageAsync(EventEnvelope envelope, Guid fundId, Guid royaltyId, int page, CancellationToken cancellationToken)
    {
        var (fund, _) = await funds.LoadAsync(Streams.Fund(fundId), cancellationToken).ConfigureAwait(false);
        if (fund.Royalty is not { } open || open.RoyaltyId != royaltyId || open.NextPage != page)
        {
            // Completed, or this page is recorded already: a redelivery with nothing left to do.
            return;
        }

        var partition = RegisterDocuments.PartitionKey(fundId);
        var head = (await documents.GetAsync<RegisterHead>(Containers.Funds, partition, RegisterDocuments.HeadId, cancellationToken).ConfigureAwait(false))?.Value;
        if (head?.Capture is not { } capture || capture.RoyaltyId != royaltyId)
        {
            // The register has not reached the royalty yet; parking retries this step once it has.
            throw new RegisterBehindException(fundId, royaltyId);
        }

        var pages = RegisterDocuments.PageCount(head.Slots);
        var entries = (await documents.GetAsync<RegisterPage>(Containers.Funds, partition, RegisterDocuments.PageId(page), cancellationToken).ConfigureAwait(false))
            ?.Value.Entries ?? [];
        var context = SagaStep.ContextFor(envelope, "royalty");
        var holders = 0;
        var paid = 0L;
        foreach (var entry in entries.OrderBy(e => e.InvestorId))
        {
            var units = entry.UnitsOfRecord(royaltyId, capture.RecordVersion);
            if (units <= 0)
            {
                continue;
            }

            holders++;
            var share = FundDecider.RoyaltyShare(open.Amount, units, open.UnitsOutstanding);
            paid += share;
            if (share > 0)
            {
                await investors.HandleStepAsync(
                    Streams.Investor(entry.InvestorId),
                    new InvestorCommand.CreditRoyalty(entry.InvestorId, royaltyId, fundId, share, clock.GetUtcNow()),
                    SagaStep.StepId(royaltyId, entry.InvestorId, "credit"),
                    context,
                    cancellationToken).ConfigureAwait(false);
            }
        }

        await funds.HandleStepAsync(
            Streams.Fund(fundId),
            new FundCommand.RecordRoyaltyPage(fundId, royaltyId, page, holders, paid, capture.HoldersOfRecord, page + 1 >= pages, clock.GetUtcNow()),
            SagaStep.StepId(royaltyId, $"page-{page}"),
            context,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A royalty recorded before payouts were paged lists every share on its event.</summary>
    private async Task CreditListedSharesAsync(EventEnvelope envelope, FundEvent.RoyaltyDistributed distributed, CancellationToken cancellationToken)
    {
        var context = SagaStep.ContextFor(envelope, "royalty");
        foreach (var share in distributed.Shares.Where(s => s.Amount > 0))
        {
            await investors.HandleStepAsync(
                Streams.Investor(share.InvestorId),
                new InvestorCommand.CreditRoyalty(share.InvestorId, distributed.RoyaltyId, distributed.FundId, share.Amount, clock.GetUtcNow()),
                SagaStep.StepId(distributed.RoyaltyId, share.InvestorId, "credit"),
                context,
                cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>The register has not yet applied the royalty's record event; the step is retried from the log.</summary>
public sealed class RegisterBehindException(Guid fundId, Guid royaltyId)
    : Exception($"The register of fund {fundId} has not reached royalty {royaltyId} yet.");
