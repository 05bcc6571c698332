using System.Collections.Immutable;
using OkCow.Application.Projections;
using OkCow.Domain.Funds;

namespace OkCow.Application.ReadModels.FundDetail;

/// <summary>
/// funds / {fundId} / "detail": the fund's figures from its own stream and the market's from its order book stream.
/// The two streams arrive in no relative order, so each field is owned by exactly one of them.
/// </summary>
public sealed record FundDetailView(
    Guid FundId,
    bool Created,
    string Name,
    long BasePrice,
    DateTimeOffset? CreatedAt,
    long Cash,
    long UnitsOutstanding,
    ImmutableList<PropertyView> Properties,
    long? LastTradePrice,
    DateTimeOffset? LastTradeAt,
    DailyTotal? TradingValue) : ProjectedView
{
    public const string DocumentId = "detail";

    public static FundDetailView Empty(Guid fundId) => new(fundId, false, "", 0, null, 0, 0, [], null, null, null);

    public FundState ToState() => FundFigures.ToState(BasePrice, Cash, UnitsOutstanding, Properties) with { FundId = FundId, Name = Name };
}
