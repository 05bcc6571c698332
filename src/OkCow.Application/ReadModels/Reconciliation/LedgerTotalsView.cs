using OkCow.Domain.Reconciliation;

namespace OkCow.Application.ReadModels.Reconciliation;

/// <summary>
/// directory / "ledger" / "totals-v2": R24's running totals, the domain's <see cref="Ledger"/> stepped over every
/// investor and fund event applied so far. Fixed size: the cash sums, what is in transit and how many sagas are open;
/// each open leg is a <see cref="LedgerLeg"/> beside it. Which events it holds is recorded beside it too, one
/// <see cref="LedgerSeen"/> per stream; all of them written in the same group.
/// </summary>
/// <remarks>
/// The id changed when the legs moved out: the first shape ("totals") held every open leg. A data folder with only the
/// old document seeds the new one from the log on its first cash event; the seed deletes the old one.
/// </remarks>
public sealed record LedgerTotalsView(LedgerTotals Totals, long Events, DateTimeOffset SeededAt)
{
    public const string Partition = "ledger";
    public const string DocumentId = "totals-v2";

    /// <summary>The id of the first shape, which held every open leg in one document.</summary>
    public const string RetiredDocumentId = "totals";
}

/// <summary>directory / "ledger" / "seen-{streamId}": the last version of the stream the totals hold.</summary>
public sealed record LedgerSeen(string StreamId, long Version)
{
    public static string IdOf(string streamId) => $"seen-{streamId}";
}

/// <summary>
/// directory / "ledger" / "leg-{sagaId}": the cash of an open saga that one of its streams recorded and another has
/// not yet (see <see cref="OpenLeg"/>). Deleted in the same group as the totals once it nets to zero, so the partition
/// holds only the sagas open now.
/// </summary>
public sealed record LedgerLeg(Guid SagaId, SagaKind Kind, long Amount)
{
    public static string IdOf(Guid sagaId) => $"leg-{sagaId:D}";

    public OpenLeg Open => new(Kind, Amount);
}
