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
/// The fund's stream folded: cash, units outstanding, the register of holders (investor id → units) and the ids of
/// every saga step already processed, which is what makes a repeated step decide nothing.
/// </summary>
public sealed record FundState(
    bool Created,
    Guid FundId,
    string Name,
    long BasePrice,
    long Cash,
    long UnitsOutstanding,
    ImmutableList<FundProperty> Properties,
    ImmutableDictionary<Guid, long> Register,
    ImmutableHashSet<Guid> ProcessedIds)
{
    public static FundState Initial { get; } = new(
        false,
        Guid.Empty,
        "",
        0,
        0,
        0,
        [],
        ImmutableDictionary<Guid, long>.Empty,
        []);

    public long UnitsOf(Guid investorId) => Register.GetValueOrDefault(investorId);
}
