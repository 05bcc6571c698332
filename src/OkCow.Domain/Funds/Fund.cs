using System.Collections.Immutable;
using OkCow.Domain.Common;

namespace OkCow.Domain.Funds;

/// <summary>A copyright property the fund holds; its value follows the MCPI from the level it was bought at (R9).</summary>
public sealed record FundProperty(
    Guid PropertyId,
    string CopyrightCode,
    string RegistrationNumber,
    string MusicId,
    long Price,
    long McpiAtAcquisition,
    DateTimeOffset AcquiredAt);

/// <summary>
/// A royalty being paid: recorded with the fund version its holders of record are taken at, and paid page by page.
/// </summary>
public sealed record OpenRoyalty(Guid RoyaltyId, long Amount, long UnitsOutstanding, long RecordVersion, long Paid, long HoldersPaid, int NextPage)
{
    /// <summary>What is recorded but not yet paid: it is not fund cash (NAV leaves it out) until the remainder is retained.</summary>
    public long Unpaid => Amount - Paid;
}

/// <summary>
/// The fund's stream folded to totals only: cash, units outstanding, properties, its own version and the royalty being
/// paid, if any. Who holds how many units is not here (each holder's units live in the investor's stream and the
/// register of holders is a projection), and repeated saga steps are refused by the store, so the state does not grow
/// with holders or with history.
/// </summary>
public sealed record FundState(
    bool Created,
    Guid FundId,
    string Name,
    long BasePrice,
    long Cash,
    long UnitsOutstanding,
    ImmutableList<FundProperty> Properties,
    long Version,
    OpenRoyalty? Royalty)
{
    public static FundState Initial { get; } = new(false, Guid.Empty, "", 0, 0, 0, [], 0, null);
}
