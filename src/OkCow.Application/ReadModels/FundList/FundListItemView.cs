using OkCow.Application.Projections;
using OkCow.Domain.Funds;

namespace OkCow.Application.ReadModels.FundList;

/// <summary>directory / "funds" / {fundId}: one row of the fund list; also the list the MCPI fan-out walks.</summary>
public sealed record FundListItemView(Guid FundId, string Name, long BasePrice, DateTimeOffset CreatedAt) : ProjectedView
{
    public const string Partition = "funds";
}

public static class FundListProjection
{
    public static FundListItemView? Apply(FundListItemView? view, FundEvent @event) => @event switch
    {
        FundEvent.FundCreated e => (view ?? new FundListItemView(e.FundId, e.Name, e.BasePrice, e.At)) with
        {
            Name = e.Name,
            BasePrice = e.BasePrice,
            CreatedAt = e.At,
        },
        _ => null,
    };
}
