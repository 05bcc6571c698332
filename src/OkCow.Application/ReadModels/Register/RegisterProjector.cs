using System.Collections.Immutable;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Domain.Funds;

namespace OkCow.Application.ReadModels.Register;

/// <summary>
/// Keeps the register of holders from the fund stream, exact as of any fund version a royalty is recorded at: while a
/// royalty is being paid, the first change of a holder after its record version keeps the units held before. It runs
/// on the sagas' feed ahead of the royalty saga, which reads it; it is named like a saga for that reason.
/// </summary>
public sealed class RegisterProjector(IDocumentStore documents) : IEventHandler
{
    public string Name => "saga:register";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is not FundEvent fundEvent)
        {
            return;
        }

        var fundId = StreamKeys.FundId(envelope.StreamId);
        var partition = RegisterDocuments.PartitionKey(fundId);
        var stored = await documents.GetAsync<RegisterHead>(Containers.Funds, partition, RegisterDocuments.HeadId, cancellationToken).ConfigureAwait(false);
        var head = stored?.Value ?? RegisterHead.Empty(fundId);
        if (head.Version >= envelope.Version)
        {
            return;
        }

        head = fundEvent switch
        {
            FundEvent.RoyaltyRecorded e => head with { Capture = new RecordCapture(e.RoyaltyId, e.RecordVersion, head.Holders) },
            FundEvent.RoyaltyCompleted => head with { Capture = null },
            _ => head,
        };

        // A trade between two accounts of one investor moves nothing; one entry per investor keeps the version check exact.
        var moves = FundDecider.HolderMoves(fundEvent)
            .GroupBy(move => move.InvestorId)
            .Select(group => (InvestorId: group.Key, Units: group.Sum(move => move.Units)));
        foreach (var (investorId, units) in moves)
        {
            head = await MoveAsync(partition, head, investorId, units, envelope.Version, cancellationToken).ConfigureAwait(false);
        }

        head = head with { Version = envelope.Version };
        if (await documents.TryWriteAsync(Containers.Funds, partition, RegisterDocuments.HeadId, head, stored?.ETag, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new InvalidOperationException($"The register of fund {fundId} changed under {envelope.StreamId}@{envelope.Version}.");
        }
    }

    private async Task<RegisterHead> MoveAsync(string partition, RegisterHead head, Guid investorId, long units, long version, CancellationToken cancellationToken)
    {
        var slot = await SlotOfAsync(partition, head, investorId, cancellationToken).ConfigureAwait(false);
        head = head with { Slots = Math.Max(head.Slots, slot + 1) };

        var pageNumber = slot / RegisterDocuments.PageSize;
        var pageId = RegisterDocuments.PageId(pageNumber);
        var storedPage = await documents.GetAsync<RegisterPage>(Containers.Funds, partition, pageId, cancellationToken).ConfigureAwait(false);
        var page = storedPage?.Value ?? new RegisterPage(pageNumber, []);
        var index = page.Entries.FindIndex(entry => entry.InvestorId == investorId);
        var entry = index >= 0 ? page.Entries[index] : new RegisterEntry(investorId, 0, 0, 0, null, 0);

        if (entry.Version < version)
        {
            // The first change after a royalty's record version keeps what the holder held of record.
            var captured = head.Capture is { } capture && entry.RecordRoyaltyId != capture.RoyaltyId
                ? entry with { RecordRoyaltyId = capture.RoyaltyId, UnitsAtRecord = entry.Units }
                : entry;
            entry = captured with { PreviousUnits = entry.Units, Units = entry.Units + units, Version = version };
            var entries = index >= 0 ? page.Entries.SetItem(index, entry) : page.Entries.Add(entry);
            if (await documents.TryWriteAsync(Containers.Funds, partition, pageId, page with { Entries = entries }, storedPage?.ETag, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new InvalidOperationException($"Register page {pageId} of {partition} changed under version {version}.");
            }
        }

        // Counted from the entry, so a redelivery after a crash between the page and the head counts the change once.
        var holders = (entry.Units > 0 ? 1 : 0) - (entry.PreviousUnits > 0 ? 1 : 0);
        return head with { Holders = head.Holders + holders };
    }

    private async Task<int> SlotOfAsync(string partition, RegisterHead head, Guid investorId, CancellationToken cancellationToken)
    {
        var slotId = RegisterDocuments.SlotId(investorId);
        var existing = await documents.GetAsync<HolderSlot>(Containers.Funds, partition, slotId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing.Value.Slot;
        }

        var slot = new HolderSlot(investorId, head.Slots);
        if (await documents.TryWriteAsync(Containers.Funds, partition, slotId, slot, null, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new InvalidOperationException($"Slot {slotId} of {partition} appeared under the register's writer.");
        }

        return slot.Slot;
    }
}
