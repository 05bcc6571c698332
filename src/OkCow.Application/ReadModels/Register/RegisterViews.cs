using System.Collections.Immutable;
using OkCow.Application.Documents;

namespace OkCow.Application.ReadModels.Register;

/// <summary>
/// The register of a fund's holders, projected from the fund stream (partition <c>register-{fundId}</c> of the funds
/// container): a head, one slot document per holder naming its page, and pages of at most <see cref="PageSize"/>
/// entries. Every document is bounded; the number of pages grows with the number of holders, never one document.
/// </summary>
public static class RegisterDocuments
{
    public const int PageSize = 100;
    public const string HeadId = "head";

    public static string PartitionKey(Guid fundId) => $"register-{StreamKeys.Key(fundId)}";

    public static string SlotId(Guid investorId) => $"holder-{StreamKeys.Key(investorId)}";

    public static string PageId(int page) => $"page-{page}";

    public static int PageCount(int slots) => (slots + PageSize - 1) / PageSize;
}

/// <summary>
/// The register's head: the fund version applied last, how many slots (holders ever) and current holders there are, and
/// the royalty whose holders of record the entries are capturing, if one is being paid.
/// </summary>
public sealed record RegisterHead(Guid FundId, long Version, int Slots, long Holders, RecordCapture? Capture)
{
    public static RegisterHead Empty(Guid fundId) => new(fundId, 0, 0, 0, null);
}

/// <summary>A royalty being paid: holders as of fund version <paramref name="RecordVersion"/> are its holders of record.</summary>
public sealed record RecordCapture(Guid RoyaltyId, long RecordVersion, long HoldersOfRecord);

public sealed record HolderSlot(Guid InvestorId, int Slot);

public sealed record RegisterPage(int Page, ImmutableList<RegisterEntry> Entries);

/// <summary>
/// One holder: units now, the fund version of the last change and the units before it (so a change half-written before a
/// crash is recognised on redelivery), and the units held at the record version of <paramref name="RecordRoyaltyId"/>,
/// captured when the first change after that version arrives.
/// </summary>
public sealed record RegisterEntry(Guid InvestorId, long Units, long PreviousUnits, long Version, Guid? RecordRoyaltyId, long UnitsAtRecord)
{
    /// <summary>The units this holder held at <paramref name="recordVersion"/> of royalty <paramref name="royaltyId"/>.</summary>
    public long UnitsOfRecord(Guid royaltyId, long recordVersion) =>
        RecordRoyaltyId == royaltyId ? UnitsAtRecord
        : Version <= recordVersion ? Units
        : throw new InvalidOperationException($"Holder {InvestorId} changed at version {Version} after record version {recordVersion} without a capture.");
}

/// <summary>Point reads of the register: a holder's units now, and the register's head.</summary>
public sealed class RegisterReader(IDocumentStore documents)
{
    public async Task<RegisterHead?> HeadAsync(Guid fundId, CancellationToken cancellationToken = default) =>
        (await documents.GetAsync<RegisterHead>(Containers.Funds, RegisterDocuments.PartitionKey(fundId), RegisterDocuments.HeadId, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>Two point reads: the holder's slot, then its page.</summary>
    public async Task<long> UnitsOfAsync(Guid fundId, Guid investorId, CancellationToken cancellationToken = default)
    {
        var partition = RegisterDocuments.PartitionKey(fundId);
        var slot = await documents.GetAsync<HolderSlot>(Containers.Funds, partition, RegisterDocuments.SlotId(investorId), cancellationToken).ConfigureAwait(false);
        if (slot is null)
        {
            return 0;
        }

        var page = await documents.GetAsync<RegisterPage>(Containers.Funds, partition, RegisterDocuments.PageId(slot.Value.Slot / RegisterDocuments.PageSize), cancellationToken).ConfigureAwait(false);
        return page?.Value.Entries.FirstOrDefault(entry => entry.InvestorId == investorId)?.Units ?? 0;
    }
}
