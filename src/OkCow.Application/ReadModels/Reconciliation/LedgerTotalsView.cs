using OkCow.Domain.Reconciliation;

namespace OkCow.Application.ReadModels.Reconciliation;

/// <summary>
/// directory / "ledger" / "totals": R24's running totals, the domain's <see cref="Ledger"/> folded over every investor
/// and fund event applied so far. Its size grows only with the sagas open at the moment (their legs in transit).
/// Which events it holds is recorded beside it, one <see cref="LedgerSeen"/> per stream, written in the same group.
/// </summary>
public sealed record LedgerTotalsView(LedgerState State, long Events, DateTimeOffset SeededAt)
{
    public const string Partition = "ledger";
    public const string DocumentId = "totals";
}

/// <summary>directory / "ledger" / "seen-{streamId}": the last version of the stream the totals hold.</summary>
public sealed record LedgerSeen(string StreamId, long Version)
{
    public static string IdOf(string streamId) => $"seen-{streamId}";
}
